package org.cix.federation.link;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
  private final LinkRegistry registry;

  public ExchangeService(
      NodeIdentity self, Map<String, Subscription> configuredPeers, LinkRegistry registry, ScheduledExecutorService scheduler,
      Duration handshakeTimeout, SyncHub sync, Clock clock) {
    this.registry = registry;
    this.context = new InboundLink.Context(self, Map.copyOf(configuredPeers), registry, scheduler, handshakeTimeout,
        clock, this::admitted, this::presentElsewhere, sync);
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

  /**
   * Refuses a stream of a node whose open stream comes from another process (another instance):
   * two processes present one identity (a copied node directory, a restart while the old process
   * still runs). The open stream goes on untouched and nothing of the newcomer is stored; both
   * sides show why. A newer stream of the same instance is a reconnect and supersedes the older.
   */
  private Optional<String> presentElsewhere(InboundLink link, String instance) {
    InboundLink open = current.get(link.peer().nodeId());
    if (open == null || open == link || !open.live() || open.instance().equals(instance)) {
      return Optional.empty();
    }
    String why = "two processes present node " + link.peer().nodeId() + " (from " + open.remoteAddress() + " and "
        + link.remoteAddress() + "): the stream from " + open.remoteAddress() + " is kept; stop one of them";
    registry.twice(link.peer().nodeId(), why);
    return Optional.of(why);
  }

  private void admitted(InboundLink link) {
    InboundLink previous = current.put(link.peer().nodeId(), link);
    if (previous != null && previous != link) {
      previous.supersede();
    }
  }
}
