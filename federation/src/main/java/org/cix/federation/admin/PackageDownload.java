package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import org.cix.core.error.CixException;
import org.cix.core.pack.NonClosingOutputStream;
import org.cix.core.pack.PackageSummary;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.PackageChunk;
import org.cix.proto.v1.PackageExported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One package export over the admin API: the package is written to a temporary file, then sent in
 * chunks as fast as the client reads them (no buffering beyond one chunk), the last message with
 * what it holds. The temporary file is gone whatever happens, a kill -9 included.
 */
final class PackageDownload {
  private static final Logger log = LoggerFactory.getLogger(PackageDownload.class);
  private static final int CHUNK = 1 << 20;

  private final ServerCallStreamObserver<PackageChunk> responses;
  private final Object ready = new Object();
  private volatile boolean cancelled;

  PackageDownload(ServerCallStreamObserver<PackageChunk> responses) {
    this.responses = responses;
    responses.setOnReadyHandler(() -> {
      synchronized (ready) {
        ready.notifyAll();
      }
    });
    responses.setOnCancelHandler(() -> {
      cancelled = true;
      synchronized (ready) {
        ready.notifyAll();
      }
    });
  }

  /** Writes the package with {@code export} and sends it; on a worker thread. */
  void run(Function<OutputStream, PackageSummary> export) {
    // DELETE_ON_CLOSE unlinks the file as soon as it is open (Linux): a node killed mid-export
    // leaves nothing behind in the temporary directory
    try (FileChannel file = FileChannel.open(Files.createTempFile("cix-package-", ".zip"), StandardOpenOption.READ,
        StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
      OutputStream out = new BufferedOutputStream(
          // the writer closes its stream when the package is complete; the file is read back after
          new NonClosingOutputStream(Channels.newOutputStream(file)), 1 << 16);
      PackageSummary summary = export.apply(out);
      out.flush();
      file.position(0);
      InputStream in = Channels.newInputStream(file);
      byte[] buffer = new byte[CHUNK];
      for (int n = in.readNBytes(buffer, 0, CHUNK); n > 0; n = in.readNBytes(buffer, 0, CHUNK)) {
        send(PackageChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
      }
      send(PackageChunk.newBuilder().setDone(PackageExported.newBuilder().setRecords(summary.records())
          .setSubjects(summary.subjects()).setMasked(summary.masked()).setSeals(summary.seals())
          .setCertificates(summary.certificates()).setLeftOut(summary.withoutEvidence()).setBytes(summary.bytes()))
          .build());
      if (!cancelled) {
        responses.onCompleted();
      }
    } catch (IOException e) {
      fail(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void send(PackageChunk chunk) {
    synchronized (ready) {
      while (!responses.isReady() && !cancelled) {
        try {
          ready.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw CixException.invalidInput("package export interrupted");
        }
      }
      if (!cancelled) {
        responses.onNext(chunk);
      }
    }
  }

  private void fail(RuntimeException failure) {
    if (cancelled) {
      return;
    }
    log.warn("package export failed: {}", failure.getMessage());
    try {
      responses.onError(StatusMapping.toStatus(failure));
    } catch (IllegalStateException e) {
      // already closed
    }
  }
}
