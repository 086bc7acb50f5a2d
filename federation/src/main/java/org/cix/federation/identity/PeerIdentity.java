package org.cix.federation.identity;

import io.grpc.Context;
import java.time.Instant;
import java.util.Optional;
import org.cix.core.node.NodeIdentity;

/** The calling node, as its TLS certificate names it, for the duration of a call. */
public final class PeerIdentity {
  static final Context.Key<NodeIdentity> KEY = Context.key("cix-peer-node");
  static final Context.Key<String> ADDRESS = Context.key("cix-peer-address");
  static final Context.Key<Optional<String>> ISSUER = Context.key("cix-peer-issuer");
  static final Context.Key<Instant> CERTIFIED_UNTIL = Context.key("cix-peer-certified-until");

  private PeerIdentity() {}

  /**
   * The peer of the current call. Every federation service runs behind
   * {@link PeerIdentityInterceptor}, which closes calls without one; reaching here without a peer
   * is a wiring bug, so it fails loudly rather than trusting anyone.
   */
  public static NodeIdentity current() {
    NodeIdentity peer = KEY.get();
    if (peer == null) {
      throw new IllegalStateException("no authenticated peer in this call context");
    }
    return peer;
  }

  /**
   * The node whose CA issued the peer's TLS certificate; empty when the national root issued it.
   * A parent takes as children only the nodes it issued ({@link org.cix.core.link.LinkPolicy}).
   */
  public static Optional<String> issuer() {
    Optional<String> issuer = ISSUER.get();
    if (issuer == null) {
      throw new IllegalStateException("no authenticated peer in this call context");
    }
    return issuer;
  }

  /** When the TLS certificate the peer presented for the current call expires. */
  public static Instant certifiedUntil() {
    Instant until = CERTIFIED_UNTIL.get();
    if (until == null) {
      throw new IllegalStateException("no authenticated peer in this call context");
    }
    return until;
  }

  /** The remote address of the current call ("host:port"), for logs and status. */
  public static String remoteAddress() {
    String address = ADDRESS.get();
    return address == null ? "" : address;
  }
}
