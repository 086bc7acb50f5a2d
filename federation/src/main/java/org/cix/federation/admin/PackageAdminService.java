package org.cix.federation.admin;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.cix.core.node.NodeServices;
import org.cix.core.pack.PackageScope;
import org.cix.core.pack.PackageSummary;
import org.cix.core.pack.PackageWriter;
import org.cix.core.record.ChinaDate;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.PackageAdminGrpc;
import org.cix.proto.v1.PackageChunk;
import org.cix.proto.v1.PackageExported;

/** Credit packages on the admin port, written on a worker thread and streamed as they are ready. */
public final class PackageAdminService extends PackageAdminGrpc.PackageAdminImplBase {
  private final NodeServices services;
  private final ExecutorService worker;
  private final Clock clock;

  public PackageAdminService(NodeServices services, ExecutorService worker, Clock clock) {
    this.services = services;
    this.worker = worker;
    this.clock = clock;
  }

  @Override
  public void exportPackage(ExportPackageRequest request, StreamObserver<PackageChunk> response) {
    PackageWriter.Request what;
    try {
      what = new PackageWriter.Request(new PackageScope(optional(request.getSubjectId()),
          optional(request.getIndustry()), optional(request.getRegion()), Set.copyOf(request.getTypesList()),
          request.getAsOf().isEmpty() ? ChinaDate.today(clock) : AdminService.date("as_of", request.getAsOf())),
          AdminService.operator(request.getAskedBy()), request.getPurpose());
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
      return;
    }
    FileDownload<PackageChunk> download = new FileDownload<>("package", (ServerCallStreamObserver<PackageChunk>) response,
        data -> PackageChunk.newBuilder().setData(data).build());
    worker.execute(() -> download.run(out -> {
      PackageSummary summary = services.packages().export(what, out);
      return bytes -> PackageChunk.newBuilder().setDone(PackageExported.newBuilder().setRecords(summary.records())
          .setSubjects(summary.subjects()).setMasked(summary.masked()).setSeals(summary.seals())
          .setCertificates(summary.certificates()).setLeftOut(summary.withoutEvidence()).setBytes(summary.bytes()))
          .build();
    }));
  }


  private static Optional<String> optional(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
