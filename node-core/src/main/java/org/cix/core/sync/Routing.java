package org.cix.core.sync;

import java.util.Optional;
import java.util.Set;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.catalog.Route;
import org.cix.core.link.LinkRole;
import org.cix.core.node.Jurisdiction;
import org.cix.core.record.RecordFields;
import org.cix.core.sharing.SharingPolicy;
import org.cix.crypto.pki.Jurisdictions;
import org.cix.proto.v1.RecordBody;
import com.google.protobuf.InvalidProtocolBufferException;
import org.cix.core.subject.SubjectIds;
import org.cix.proto.v1.Subscription;

/**
 * Which versions flow over which link, from the catalog's routes (DESIGN.md section 5):
 *
 * <ul>
 *   <li>to the parent: types routed {@code up} that come from this node's subtree (ingested here
 *       or received from a child), so the national node ends up with everything;
 *   <li>to a child: types routed {@code down} (lists), from anywhere but a peer;
 *   <li>to a peer: types routed {@code peers}, from this node's subtree, that the peer
 *       subscribes to.
 * </ul>
 *
 * <p>Sharing levels apply on every link: not-shared types never leave the node; conditional
 * types go up the supervisory line to the parent, and to a child or a peer only while it holds a
 * grant of this node for the type.
 *
 * <p>A version never goes back to a node it passed through, so nothing loops. The receiving side
 * checks the mirror image ({@link #admits}): a child only relays its own subtree's records, a
 * parent only sends what flows down, a peer only what it may share.
 */
public final class Routing {
  private final Catalog catalog;
  private final SharingPolicy sharing;
  private final Jurisdiction self;
  private final Optional<String> parent;
  private final Set<String> peers;
  private final SubjectIds ids;

  /** @param self this node's jurisdiction, where versions routed to an origin stop going up */
  public Routing(Catalog catalog, SharingPolicy sharing, Jurisdiction self, Optional<String> parent, Set<String> peers,
      SubjectIds ids) {
    this.catalog = catalog;
    this.self = self;
    this.sharing = sharing;
    this.parent = parent;
    this.peers = Set.copyOf(peers);
    this.ids = ids;
  }

  /** True when {@code version} is to be sent to {@code to}. */
  public boolean sends(LoggedVersion version, Neighbour to) {
    if (version.viaNode().equals(to.nodeId()) || version.hops().contains(to.nodeId())) {
      return false;
    }
    Optional<RecordType> type = catalog.type(version.type());
    if (type.isEmpty() || !SharingPolicy.everLeaves(type.get())) {
      return false;
    }
    boolean fromPeer = peers.contains(version.viaNode());
    boolean fromSubtree = version.local() || (!fromPeer && !parent.map(version.viaNode()::equals).orElse(false));
    boolean fromParent = parent.map(version.viaNode()::equals).orElse(false);
    return switch (to.role()) {
      case PARENT -> routes(type.get(), Route.UP) && fromSubtree
          || routes(type.get(), Route.ORIGIN) && !fromParent && address(type.get(), version)
              .map(a -> !self.contains(a)).orElse(false);
      case CHILD -> (routes(type.get(), Route.DOWN) && !fromPeer
          || routes(type.get(), Route.ORIGIN) && address(type.get(), version)
              .map(a -> to.identity().jurisdiction().contains(a)).orElse(false))
          && granted(type.get(), to);
      case PEER -> routes(type.get(), Route.PEERS) && fromSubtree && granted(type.get(), to)
          && subscribed(to.subscription(), version);
    };
  }

  /**
   * Why a version of {@code type} originated by {@code origin} may not arrive from {@code from},
   * or empty when it may.
   */
  public Optional<Refusal> admits(RecordType type, Jurisdiction origin, Neighbour from) {
    if (!SharingPolicy.everLeaves(type)) {
      return Optional.of(new Refusal("not_shared", type.id() + " is not shared: it never leaves its origin node"));
    }
    boolean flows = switch (from.role()) {
      case CHILD -> routes(type, Route.UP) || routes(type, Route.ORIGIN);
      case PARENT -> routes(type, Route.DOWN) || routes(type, Route.ORIGIN);
      case PEER -> routes(type, Route.PEERS);
    };
    if (!flows) {
      return Optional.of(new Refusal("not_routed_here",
          type.id() + " does not flow from a " + from.role().label() + " to this node"));
    }
    if (from.role() != LinkRole.PARENT && !from.identity().jurisdiction().contains(origin)) {
      return Optional.of(new Refusal("outside_sender_jurisdiction", "origin in " + origin
          + " is outside the jurisdiction of " + from.role().label() + " " + from.nodeId()));
    }
    return Optional.empty();
  }

  private static boolean routes(RecordType type, Route route) {
    return type.routing().contains(route);
  }

  /**
   * The jurisdiction a version routed to an origin is addressed to: its {@code address} field
   * (empty: the national node); none when the field holds no jurisdiction code.
   */
  private static Optional<Jurisdiction> address(RecordType type, LoggedVersion version) {
    if (type.address().isEmpty()) {
      return Optional.empty();
    }
    try {
      RecordBody body = RecordBody.parseFrom(version.body());
      String code = RecordFields.field(body.getFieldsList(), type.address().get()).orElse("");
      return Jurisdictions.isWellFormed(code) ? Optional.of(new Jurisdiction(code)) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private boolean granted(RecordType type, Neighbour to) {
    return sharing.mayLeave(type, to.nodeId(), Optional.empty());
  }

  /**
   * Whether a peer's subscription takes {@code version}. Department registrations pass every
   * subscription: a peer refuses the records of a department whose registration it lacks.
   */
  private boolean subscribed(Subscription subscription, LoggedVersion version) {
    if (version.type().equals(DepartmentRegistry.TYPE)) {
      return true;
    }
    if (subscription.getTypesCount() > 0 && !subscription.getTypesList().contains(version.type())) {
      return false;
    }
    if (subscription.getRegionsCount() == 0) {
      return true;
    }
    Optional<String> region = ids.check(version.subjectId()).region();
    return region.isPresent() && subscription.getRegionsList().stream().anyMatch(region.get()::startsWith);
  }
}
