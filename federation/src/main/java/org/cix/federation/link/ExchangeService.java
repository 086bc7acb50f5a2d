package org.cix.federation.link;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.cix.proto.v1.Subscription;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import org.cix.core.node.NodeIdentity;
import org.cix.federation.identity.PeerIdentity;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.LinkFrame;

/**
 * The server side of {@code Exchange}: each call is one inbound link (a child, or a peer with a
 * lower id). A newer stream from the same node supersedes the older one.
 */
public final class ExchangeService extends FederationGrpc.FederationImplBase {
  private final InboundLink.Context context;
  private final ConcurrentMap<String, InboundLink> current = new ConcurrentHashMap<>();

  public ExchangeService(
      NodeIdentity self, Map<String, Subscription> configuredPeers, LinkRegistry registry, ScheduledExecutorService scheduler,
      Duration handshakeTimeout, SyncHub sync, Clock clock) {
    this.context = new InboundLink.Context(self, Map.copyOf(configuredPeers), registry, scheduler, handshakeTimeout,
        clock, this::admitted, sync);
  }

  @Override
  public StreamObserver<LinkFrame> exchange(StreamObserver<LinkFrame> responses) {
    return new InboundLink(context, PeerIdentity.current(), (ServerCallStreamObserver<LinkFrame>) responses);
  }

  /** Ends every inbound link with UNAVAILABLE, so neighbours learn at once that this node is going away. */
  public void closeAll(String reason) {
    for (InboundLink link : current.values()) {
      link.close(io.grpc.Status.UNAVAILABLE.withDescription(reason));
    }
    current.clear();
  }

  private void admitted(InboundLink link) {
    InboundLink previous = current.put(link.peer().nodeId(), link);
    if (previous != null && previous != link) {
      previous.supersede();
    }
  }
}
