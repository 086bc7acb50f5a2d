package org.cix.federation.admin;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.cix.core.catalog.Catalog;
import org.cix.core.error.CixException;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.proto.v1.IngestEvent;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestRequest;
import org.cix.proto.v1.IngestStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ingest call: the upload is read as it arrives (flow control both ways: the next chunk is
 * requested only when the last one was taken, events are sent only while the client is ready),
 * the ingest runs on its own thread, one ingest at a time per node.
 */
final class IngestCall implements StreamObserver<IngestRequest> {
  private static final Logger log = LoggerFactory.getLogger(IngestCall.class);

  private final ServerCallStreamObserver<IngestEvent> responses;
  private final ReadySender<IngestEvent> sender;
  private final Catalog catalog;
  private final IngestJob job;
  private final ExecutorService executor;
  private final Semaphore oneAtATime;
  private final ChunkStream input;
  private boolean started;

  /** Told the counts of each ingest that finished. */
  private final java.util.function.Consumer<org.cix.core.ingest.IngestProgress> done;

  IngestCall(ServerCallStreamObserver<IngestEvent> responses, Catalog catalog, IngestJob job,
      ExecutorService executor, Semaphore oneAtATime, java.util.function.Consumer<org.cix.core.ingest.IngestProgress> done) {
    this.done = done;
    this.responses = responses;
    this.catalog = catalog;
    this.job = job;
    this.executor = executor;
    this.oneAtATime = oneAtATime;
    this.input = new ChunkStream(() -> responses.request(1));
    this.sender = new ReadySender<>("ingest", responses,
        () -> input.fail(new IOException("cancelled by the client")));
  }

  @Override
  public void onNext(IngestRequest request) {
    if (!started) {
      if (!request.hasStart()) {
        fail(CixException.invalidInput("the first message of an ingest must name the file and the mapping"));
        return;
      }
      started = true;
      start(request.getStart());
    } else if (request.hasData()) {
      input.offer(request.getData().toByteArray());
    } else {
      input.fail(new IOException("a second start message"));
    }
  }

  private void start(IngestStart start) {
    Mapping mapping;
    try {
      mapping = MappingLoader.parse(start.getMappingYaml(), start.getMappingName(), catalog,
          start.getType().isEmpty() ? Optional.empty() : Optional.of(start.getType()));
    } catch (CixException e) {
      fail(e);
      return;
    }
    String file = start.getFileName();
    executor.execute(() -> run(mapping, file));
    responses.request(1);
  }

  private void run(Mapping mapping, String file) {
    try {
      oneAtATime.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long started = System.nanoTime();
    try (RowSource rows = RowSource.open(input, mapping, file)) {
      org.cix.core.ingest.IngestProgress done = job.run(mapping, rows, file, new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> problems) {
          for (RowProblem problem : problems) {
            send(IngestEvent.newBuilder().setReject(IngestProtos.reject(row.number(), row.where(), problem)).build());
          }
        }

        @Override
        public void progress(org.cix.core.ingest.IngestProgress p) {
          send(IngestEvent.newBuilder().setProgress(IngestProtos.progress(p)).build());
        }
      });
      this.done.accept(done);
      log.info("ingested {}: {} rows, {} new, {} updated, {} unchanged, {} rejected in {} ms", file, done.rows(),
          done.created(), done.updated(), done.unchanged(), done.rejected(), (System.nanoTime() - started) / 1_000_000);
      sender.complete();
    } catch (IOException e) {
      fail(sender.cancelled() ? CixException.invalidInput("cancelled")
          : CixException.invalidInput(file + ": " + e.getMessage()));
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      oneAtATime.release();
    }
  }

  private void send(IngestEvent event) {
    sender.send(event);
  }

  private void fail(RuntimeException failure) {
    sender.fail(failure);
  }

  @Override
  public void onError(Throwable t) {
    input.fail(t);
  }

  @Override
  public void onCompleted() {
    if (!started) {
      fail(CixException.invalidInput("empty ingest call"));
      return;
    }
    input.end();
  }
}
