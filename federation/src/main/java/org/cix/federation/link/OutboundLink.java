package org.cix.federation.link;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.error.CixException;
import org.cix.core.link.Backoff;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeIdentity;
import org.cix.crypto.pki.CertIdentity;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.Hello;
import org.cix.proto.v1.LinkFrame;
import org.cix.proto.v1.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link this node dials (to its parent, or to a peer with a higher id): opens the Exchange
 * stream, says Hello, checks the Welcome against the server's certificate, and after any failure
 * or close dials again after an exponential backoff with jitter. Nothing here sleeps: retries and
 * the handshake deadline are scheduled.
 */
public final class OutboundLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboundLink.class);

  private final NodeIdentity self;
  private final LinkTarget target;
  private final ManagedChannel channel;
  private final AtomicReference<CertIdentity> certifiedServer;
  private final LinkRegistry registry;
  private final Backoff backoff;
  private final Duration handshakeTimeout;
  private final ScheduledExecutorService scheduler;
  private final SyncHub sync;
  private final Clock clock;

  private int failures;
  /** Why the last attempt failed: a new reason is a warning, the same one again is not. */
  private String lastReason;
  private boolean closed;
  private Attempt attempt;
  private ScheduledFuture<?> retry;

  /**
   * @param certifiedServer updated by the channel's trust manager with the server's certified
   *     identity at each handshake
   */
  public OutboundLink(
      NodeIdentity self, LinkTarget target, ManagedChannel channel, AtomicReference<CertIdentity> certifiedServer,
      LinkRegistry registry, Backoff backoff, Duration handshakeTimeout, ScheduledExecutorService scheduler,
      SyncHub sync, Clock clock) {
    this.self = self;
    this.target = target;
    this.channel = channel;
    this.certifiedServer = certifiedServer;
    this.registry = registry;
    this.backoff = backoff;
    this.handshakeTimeout = handshakeTimeout;
    this.scheduler = scheduler;
    this.sync = sync;
    this.clock = clock;
    registry.expect(target.nodeId(), target.role(), LinkDirection.OUTBOUND, target.address());
  }

  public LinkTarget target() {
    return target;
  }

  public synchronized void start() {
    dial();
  }

  private synchronized void dial() {
    if (closed) {
      return;
    }
    registry.connecting(target.nodeId());
    channel.resetConnectBackoff();
    attempt = new Attempt();
    FederationGrpc.newStub(channel).exchange(attempt);
    attempt.sayHello();
  }

  private synchronized void attemptEnded(Attempt ended, String reason) {
    if (ended != attempt || closed) {
      return;
    }
    attempt = null;
    failures++;
    Duration delay = backoff.delay(failures, ThreadLocalRandom.current()::nextDouble);
    Instant retryAt = clock.instant().plus(delay);
    registry.down(LinkDirection.OUTBOUND, target.nodeId(), reason, Optional.of(retryAt), ended);
    if (reason.equals(lastReason)) {
      log.info("link to {} {} at {} still down: {}; next attempt in {} ms",
          target.role().label(), target.nodeId(), target.address(), reason, delay.toMillis());
    } else {
      log.warn("link to {} {} at {} down: {}; next attempt in {} ms",
          target.role().label(), target.nodeId(), target.address(), reason, delay.toMillis());
    }
    lastReason = reason;
    retry = scheduler.schedule(this::dial, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void attemptUp(Attempt up, NodeIdentity server) {
    if (up != attempt || closed) {
      return;
    }
    failures = 0;
    lastReason = null;
    registry.up(LinkDirection.OUTBOUND, server, target.role(), target.address(), up);
    log.info("link up: {} {} at {}", target.role().label(), server, target.address());
  }

  /**
   * Ends the current stream and dials again over a new connection, so that both sides shake
   * hands again (after the revocation lists changed).
   */
  public void redial(String reason) {
    Attempt current;
    synchronized (this) {
      if (closed) {
        return;
      }
      current = attempt;
    }
    channel.enterIdle();
    if (current != null) {
      current.cancel(reason);
    }
  }

  @Override
  public void close() {
    Attempt last;
    synchronized (this) {
      closed = true;
      last = attempt;
      attempt = null;
      if (retry != null) {
        retry.cancel(false);
      }
    }
    if (last != null) {
      last.cancel("node shutting down");
      registry.down(LinkDirection.OUTBOUND, target.nodeId(), "closed by this node", Optional.empty(), last);
    }
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One dial: the stream, its handshake deadline and its outcome. */
  private final class Attempt implements ClientResponseObserver<LinkFrame, LinkFrame>, SyncSession.Wire {
    private ClientCallStreamObserver<LinkFrame> requests;
    private ScheduledFuture<?> deadline;
    private volatile SyncSession session;
    private boolean ended;

    @Override
    public void beforeStart(ClientCallStreamObserver<LinkFrame> requestStream) {
      this.requests = requestStream;
      requestStream.disableAutoRequestWithInitial(1);
      requestStream.setOnReadyHandler(() -> {
        SyncSession current = session;
        if (current != null) {
          current.wake();
        }
      });
      this.deadline = scheduler.schedule(
          () -> cancel("no Welcome within " + handshakeTimeout.toMillis() + " ms"),
          handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sayHello() {
      send(LinkFrame.newBuilder().setHello(LinkHandshake.hello(self, target, sync)).build());
    }

    @Override
    public void onNext(LinkFrame frame) {
      SyncSession current = session;
      if (current != null && !frame.hasHello() && !frame.hasWelcome()) {
        current.frame(frame);
        return;
      }
      if (current != null || !frame.hasWelcome()) {
        cancel("unexpected frame " + frame.getFrameCase());
        return;
      }
      deadline.cancel(false);
      try {
        Welcome welcome = frame.getWelcome();
        NodeIdentity server = LinkHandshake.check(welcome, self, target, certifiedServer.get());
        if (welcome.hasMeasures() && target.role() == LinkRole.PARENT) {
          LinkHandshake.adopt(welcome, target, sync);
        }
        var neighbour = sync.services().neighbour(server, target.role(),
            LinkProtos.bytes(welcome.getSealChainList()), welcome.getSubscription());
        attemptUp(this, server);
        SyncSession opened = sync.open(neighbour, this, welcome.getResumeAfter(), welcome.getMaxBundleBytes(),
            welcome.getLogHead());
        session = opened;
        opened.start();
      } catch (CixException e) {
        cancel(e.getMessage());
      }
    }

    @Override
    public synchronized void send(LinkFrame frame) {
      if (!ended) {
        requests.onNext(frame);
      }
    }

    @Override
    public boolean isReady() {
      return requests.isReady();
    }

    @Override
    public void request(int frames) {
      requests.request(frames);
    }

    @Override
    public void close(Status status) {
      cancel(status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
    }

    private void stopSync() {
      SyncSession current = session;
      if (current != null) {
        sync.closed(current);
      }
    }

    void cancel(String reason) {
      deadline.cancel(false);
      synchronized (this) {
        ended = true;
        requests.cancel(reason, null);
      }
      stopSync();
      attemptEnded(this, reason);
    }

    @Override
    public void onError(Throwable t) {
      deadline.cancel(false);
      synchronized (this) {
        ended = true;
      }
      stopSync();
      attemptEnded(this, LinkFailures.describe(Status.fromThrowable(t), target));
    }

    @Override
    public void onCompleted() {
      deadline.cancel(false);
      synchronized (this) {
        ended = true;
      }
      stopSync();
      attemptEnded(this, "closed by " + target.nodeId());
    }
  }
}
