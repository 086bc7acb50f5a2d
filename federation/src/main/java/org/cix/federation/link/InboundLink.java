package org.cix.federation.link;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import org.cix.proto.v1.Subscription;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.cix.core.error.CixException;
import org.cix.core.link.LinkPolicy;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.SoftwareVersion;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.sync.Neighbour;
import org.cix.federation.identity.PeerIdentity;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.Hello;
import org.cix.proto.v1.LinkFrame;
import org.cix.proto.v1.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound link: the first frame must be a {@link Hello} whose node id and jurisdiction are
 * those of the peer's certificate and which {@link LinkPolicy} admits; otherwise the stream is
 * closed with the reason. A peer that sends no Hello within the handshake timeout is cut off.
 */
final class InboundLink implements StreamObserver<LinkFrame> {
  private static final Logger log = LoggerFactory.getLogger(InboundLink.class);

  /**
   * @param presentElsewhere why a node may not link now because another process presents it (the
   *     link asking, its instance), or empty
   */
  record Context(
      NodeIdentity self, Map<String, Subscription> configuredPeers, LinkRegistry registry, ScheduledExecutorService scheduler,
      Duration handshakeTimeout, Clock clock, Consumer<InboundLink> onAdmitted,
      BiFunction<InboundLink, String, Optional<String>> presentElsewhere, SyncHub sync) {}

  private final Context context;
  private final NodeIdentity peer;
  private final ServerCallStreamObserver<LinkFrame> responses;
  private final String remoteAddress;
  private final Optional<String> issuer;
  private final ScheduledFuture<?> handshakeTimer;
  private LinkRole role;
  private String instance = "";
  private SyncSession session;
  private boolean closed;
  private boolean reported;

  InboundLink(Context context, NodeIdentity peer, ServerCallStreamObserver<LinkFrame> responses) {
    this.context = context;
    this.peer = peer;
    this.responses = responses;
    this.remoteAddress = PeerIdentity.remoteAddress();
    this.issuer = PeerIdentity.issuer();
    this.handshakeTimer = context.scheduler().schedule(
        () -> fail(CixException.preconditionFailed("no Hello within " + context.handshakeTimeout().toMillis() + " ms")),
        context.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    responses.setOnCancelHandler(() -> ended("stream cancelled by " + peer.nodeId()));
    responses.disableAutoRequest();
    responses.setOnReadyHandler(() -> {
      SyncSession current = session();
      if (current != null) {
        current.wake();
      }
    });
    responses.request(1);
  }

  private synchronized SyncSession session() {
    return session;
  }

  NodeIdentity peer() {
    return peer;
  }

  String remoteAddress() {
    return remoteAddress;
  }

  /** The process instance the peer's Hello named; empty before the handshake. */
  synchronized String instance() {
    return instance;
  }

  /** True while the stream is open and admitted. */
  synchronized boolean live() {
    return role != null && !closed;
  }

  @Override
  public void onNext(LinkFrame frame) {
    try {
      if (role == null) {
        if (!frame.hasHello()) {
          throw CixException.preconditionFailed("the first frame of a link must be a Hello");
        }
        admit(frame.getHello());
      } else if (frame.hasHello() || frame.hasWelcome()) {
        throw CixException.invalidInput("unexpected frame " + frame.getFrameCase() + " after the handshake");
      } else {
        session().frame(frame);
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void admit(Hello hello) {
    handshakeTimer.cancel(false);
    if (!hello.getNodeId().equals(peer.nodeId())) {
      throw CixException.permissionDenied(
          "Hello names node " + hello.getNodeId() + " but the certificate names " + peer.nodeId());
    }
    if (!hello.getJurisdiction().equals(peer.jurisdiction().code())) {
      throw CixException.permissionDenied("Hello names jurisdiction " + hello.getJurisdiction()
          + " but the certificate names " + peer.jurisdiction());
    }
    LinkRole claimed = LinkProtos.fromProto(hello.getRole());
    LinkPolicy.admitInbound(context.self(), peer, issuer, claimed, hello.getProtocolVersion());
    if (claimed == LinkRole.PEER && !context.configuredPeers().containsKey(peer.nodeId())) {
      throw CixException.permissionDenied("node " + peer.nodeId() + " is not a configured peer of "
          + context.self().nodeId());
    }
    Optional<String> twice = context.presentElsewhere().apply(this, hello.getInstance());
    if (twice.isPresent()) {
      throw CixException.preconditionFailed(twice.get());
    }
    SyncHub sync = context.sync();
    Neighbour neighbour = sync.services().neighbour(peer, claimed, LinkProtos.bytes(hello.getSealChainList()),
        hello.getSubscription());
    SyncSession opened = sync.open(neighbour, new Wire(), hello.getResumeAfter(), hello.getMaxBundleBytes(),
        hello.getLogHead());
    synchronized (this) {
      if (closed) {
        sync.closed(opened);
        return;
      }
      role = claimed;
      instance = hello.getInstance();
      context.registry().up(LinkDirection.INBOUND, peer, role, remoteAddress, this);
      Welcome.Builder welcome = Welcome.newBuilder()
          .setProtocolVersion(LinkPolicy.PROTOCOL_VERSION)
          .setNodeId(context.self().nodeId())
          .setJurisdiction(context.self().jurisdiction().code())
          .setServerTimeMillis(context.clock().millis())
          .setSoftwareVersion(SoftwareVersion.current())
          .setResumeAfter(opened.receivedUpTo())
          .setMaxBundleBytes(sync.maxBundleBytes())
          .setLogHead(sync.services().store().head())
          .addAllSealChain(LinkProtos.byteStrings(sync.services().sealChain()));
      if (claimed == LinkRole.PEER) {
        welcome.setSubscription(context.configuredPeers().get(peer.nodeId()));
      }
      CurrentMeasures.InForce measures = sync.services().measures().inForce();
      if (claimed == LinkRole.CHILD && measures.signature().isPresent()
          && !hello.getMeasuresVersion().equals(measures.measures().version())) {
        welcome.setMeasures(LinkProtos.measures(measures));
      }
      responses.onNext(LinkFrame.newBuilder().setWelcome(welcome).build());
      session = opened;
    }
    log.info("link up: {} {} from {}", role.label(), peer, remoteAddress);
    context.onAdmitted().accept(this);
    opened.start();
  }

  /** The stream as the sync session uses it. */
  private final class Wire implements SyncSession.Wire {
    @Override
    public void send(LinkFrame frame) {
      synchronized (InboundLink.this) {
        if (!closed) {
          responses.onNext(frame);
        }
      }
    }

    @Override
    public boolean isReady() {
      return responses.isReady();
    }

    @Override
    public void request(int frames) {
      responses.request(frames);
    }

    @Override
    public void close(Status status) {
      InboundLink.this.close(status);
    }
  }

  @Override
  public void onError(Throwable t) {
    ended("stream failed: " + Status.fromThrowable(t).getCode());
  }

  @Override
  public void onCompleted() {
    ended("closed by " + peer.nodeId());
    synchronized (this) {
      responses.onCompleted();
    }
  }

  /** A newer stream of the same node replaced this one. */
  void supersede() {
    close(Status.ABORTED.withDescription("superseded by a newer stream of " + peer.nodeId()));
  }

  /** Ends the stream from this side with {@code status}. */
  void close(Status status) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      responses.onError(status.asRuntimeException());
    }
    ended(status.getDescription());
  }

  private void fail(RuntimeException failure) {
    handshakeTimer.cancel(false);
    log.warn("link from {} at {} refused: {}", peer, remoteAddress, failure.getMessage());
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      responses.onError(StatusMapping.toStatus(failure));
    }
    ended(failure.getMessage());
  }

  private void ended(String reason) {
    handshakeTimer.cancel(false);
    boolean wasUp;
    SyncSession ending;
    synchronized (this) {
      closed = true;
      wasUp = role != null && !reported;
      reported = true;
      ending = session;
    }
    if (ending != null) {
      context.sync().closed(ending);
    }
    if (wasUp) {
      context.registry().down(LinkDirection.INBOUND, peer.nodeId(), reason, Optional.empty(), this);
      log.info("link down: {} {}: {}", role.label(), peer, reason);
    }
  }
}
