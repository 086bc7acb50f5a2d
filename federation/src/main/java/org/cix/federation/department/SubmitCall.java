package org.cix.federation.department;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.cix.core.account.Account;
import org.cix.core.account.Role;
import org.cix.core.catalog.Catalog;
import org.cix.core.error.CixException;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.SourceRow;
import org.cix.core.submission.Receipt;
import org.cix.core.submission.Submissions;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.SubmitRequest;
import org.cix.proto.v1.SubmitStart;

/**
 * One submission as it arrives: the mapping is read from the first message (a bad one ends the
 * call before any byte is taken), the file's bytes are kept in an owner-only file in the spool
 * directory until the last one, then the whole file is submitted on the node's ingest thread and
 * the receipt answered; the spooled file is deleted either way.
 */
final class SubmitCall implements StreamObserver<SubmitRequest> {
  private static final IngestJob.Listener QUIET = new IngestJob.Listener() {
    @Override
    public void rejected(SourceRow row, List<RowProblem> problems) {}

    @Override
    public void progress(IngestProgress progress) {}
  };

  private final StreamObserver<org.cix.proto.v1.Receipt> response;
  private final Account account;
  private final Catalog catalog;
  private final Submissions submissions;
  private final ExecutorService ingest;
  private final Path spool;
  private final long largest;
  private Mapping mapping;
  private String fileName;
  private Path file;
  private OutputStream out;
  private long received;
  private boolean failed;

  SubmitCall(StreamObserver<org.cix.proto.v1.Receipt> response, Account account, Catalog catalog,
      Submissions submissions, ExecutorService ingest, Path spool, long largest) {
    this.response = response;
    this.account = account;
    this.catalog = catalog;
    this.submissions = submissions;
    this.ingest = ingest;
    this.spool = spool;
    this.largest = largest;
  }

  @Override
  public void onNext(SubmitRequest request) {
    if (failed) {
      return;
    }
    try {
      if (mapping == null) {
        start(request);
      } else if (request.hasData()) {
        received += request.getData().size();
        if (received > largest) {
          throw CixException.invalidInput("the file is larger than the " + largest + " bytes this node takes in one "
              + "submission: split it");
        }
        request.getData().writeTo(out);
      } else {
        throw CixException.invalidInput("a second start message");
      }
    } catch (IOException e) {
      fail(new UncheckedIOException("cannot keep the file as it arrives: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void start(SubmitRequest request) throws IOException {
    if (!request.hasStart()) {
      throw CixException.invalidInput("the first message of a submission names the file, its type and mapping");
    }
    account.require(Role.SUBMITTER, "submit exports");
    SubmitStart start = request.getStart();
    mapping = MappingLoader.parse(start.getMappingYaml(), start.getMappingName(), catalog,
        start.getType().isEmpty() ? Optional.empty() : Optional.of(start.getType()));
    fileName = start.getFileName().isBlank() ? "submission" : start.getFileName();
    PrivateFiles.createDirectory(spool);
    file = Files.createTempFile(spool, "submission-", ".part", PrivateFiles.ownerOnly());
    out = Files.newOutputStream(file);
  }

  @Override
  public void onError(Throwable t) {
    failed = true;
    discard();
  }

  @Override
  public void onCompleted() {
    if (failed) {
      return;
    }
    if (mapping == null) {
      fail(CixException.invalidInput("an empty submission"));
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      fail(new UncheckedIOException("cannot keep the file: " + e.getMessage(), e));
      return;
    }
    ingest.execute(() -> {
      try {
        Receipt receipt = submissions.submit(account, fileName, mapping, file, QUIET);
        response.onNext(DepartmentProtos.receipt(receipt));
        response.onCompleted();
      } catch (RuntimeException e) {
        response.onError(StatusMapping.toStatus(e));
      } finally {
        discard();
      }
    });
  }

  private void fail(RuntimeException e) {
    failed = true;
    discard();
    response.onError(StatusMapping.toStatus(e));
  }

  private void discard() {
    try {
      if (out != null) {
        out.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // best effort: the spool directory is emptied at the next start as well
    }
  }
}
