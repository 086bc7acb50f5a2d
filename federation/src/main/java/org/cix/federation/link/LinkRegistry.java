package org.cix.federation.link;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.link.LinkRole;
import org.cix.core.link.LinkState;
import org.cix.core.node.NodeIdentity;

/**
 * The state of every link of this node, outbound and inbound. Each link has at most one live
 * owner (the stream that brought it up); only that owner can take it down, so a stale stream
 * ending late cannot mark a newer one down.
 */
public final class LinkRegistry {
  private record Key(LinkDirection direction, String peerNodeId) {}

  private final Clock clock;
  private final Map<Key, LinkStatus> links = new HashMap<>();
  private final Map<Key, Object> owners = new HashMap<>();
  private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private long twice;

  public LinkRegistry(Clock clock) {
    this.clock = clock;
  }

  /** Records a configured neighbour before any connection (shown as down until it is up). */
  public synchronized void expect(String peerNodeId, LinkRole role, LinkDirection direction, String address) {
    links.putIfAbsent(new Key(direction, peerNodeId), LinkStatus.initial(peerNodeId, role, direction, address));
  }

  synchronized void connecting(String peerNodeId) {
    links.computeIfPresent(new Key(LinkDirection.OUTBOUND, peerNodeId), (k, s) -> s.connecting());
  }

  synchronized void up(LinkDirection direction, NodeIdentity peer, LinkRole role, String remoteAddress, Object owner) {
    Key key = new Key(direction, peer.nodeId());
    LinkStatus status = links.getOrDefault(key, LinkStatus.initial(peer.nodeId(), role, direction, remoteAddress));
    links.put(key, status.up(peer.jurisdiction().code(), remoteAddress, clock.instant()));
    owners.put(key, owner);
    if (status.state() != LinkState.UP) {
      changeListeners.forEach(Runnable::run);
    }
  }

  /** {@code listener} runs each time a link comes up or goes down (it must return at once). */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  synchronized void down(
      LinkDirection direction, String peerNodeId, String error, Optional<Instant> retryAt, Object owner) {
    Key key = new Key(direction, peerNodeId);
    Object current = owners.get(key);
    if (current != null && current != owner) {
      return;
    }
    owners.remove(key);
    LinkStatus before = links.get(key);
    links.computeIfPresent(key, (k, s) -> s.down(error, clock.instant(), retryAt));
    if (before != null && before.state() == LinkState.UP) {
      changeListeners.forEach(Runnable::run);
    }
  }

  /**
   * Notes on the inbound link of {@code peerNodeId} that a second process presented the same
   * node: the link stays up (its stream is kept) and shows the reason as its last error.
   */
  synchronized void twice(String peerNodeId, String why) {
    twice++;
    links.computeIfPresent(new Key(LinkDirection.INBOUND, peerNodeId), (k, s) -> s.noted(why, clock.instant()));
  }

  /** Streams refused because another process presented the same node, since start. */
  public synchronized long duplicateIdentities() {
    return twice;
  }

  public synchronized Optional<LinkStatus> find(LinkDirection direction, String peerNodeId) {
    return Optional.ofNullable(links.get(new Key(direction, peerNodeId)));
  }

  /** All links: parent first, then children, then peers, each by node id. */
  public synchronized List<LinkStatus> snapshot() {
    return links.values().stream()
        .sorted(Comparator.comparing(LinkStatus::peerRole).thenComparing(LinkStatus::peerNodeId))
        .toList();
  }
}
