package org.cix.federation.link;

import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import org.cix.core.audit.AuditCountersigning;
import org.cix.core.error.CixException;
import org.cix.core.link.LinkRole;
import org.cix.core.sync.BundleReceiver;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.Neighbour;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.LinkFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync over one link once its handshake is done, the same on both ends of the stream: bundles
 * out (at most {@code window} unacknowledged, and only while the transport is ready), bundles in
 * (checked, stored, then acknowledged, one at a time: the next frame is requested only after the
 * last one was handled), acknowledgements in (moving the send cursor); to the parent, the head of
 * this node's audit log, countersigned back (see AuditCountersigning). Everything runs on one
 * sequential executor per link, so nothing here blocks a gRPC thread or needs a lock.
 */
final class SyncSession {
  private static final Logger log = LoggerFactory.getLogger(SyncSession.class);

  /** The stream as the session sees it; both ends of a link implement it. */
  interface Wire {
    void send(LinkFrame frame);

    boolean isReady();

    void request(int frames);

    void close(Status status);
  }

  private final Neighbour neighbour;
  private final BundleSender sender;
  private final BundleReceiver receiver;
  private final Wire wire;
  private final Executor serial;
  private final int window;
  private final LinkErrors errors;
  private final AuditCountersigning countersigning;
  private final Clock clock;
  /**
   * Frames in a row that brought nothing new (bundles that did not move the cursor: replays;
   * audit heads less than {@link #AUDIT_HEAD_SPACING} apart) before the link is closed as a
   * flood. An honest neighbour sends a few after a reconnect (its window, resent), never this many.
   */
  static final int MAX_IDLE_FRAMES = 64;
  static final Duration AUDIT_HEAD_SPACING = Duration.ofSeconds(1);
  private final Deque<BundleSender.Sent> inFlight = new ArrayDeque<>();
  private int idleFrames;
  private long auditHeadReceivedAt = Long.MIN_VALUE / 2;
  private long auditHeadSent;
  private long auditHeadSentAt = Long.MIN_VALUE / 2;
  private final AtomicBoolean pumpQueued = new AtomicBoolean();
  private long sentUpTo;
  private volatile boolean closed;

  SyncSession(Neighbour neighbour, BundleSender sender, BundleReceiver receiver, Wire wire, Executor serial,
      int window, long resumeAfter, LinkErrors errors, AuditCountersigning countersigning, Clock clock) {
    this.countersigning = countersigning;
    this.clock = clock;
    this.neighbour = neighbour;
    this.sender = sender;
    this.receiver = receiver;
    this.wire = wire;
    this.serial = serial;
    this.window = window;
    this.sentUpTo = resumeAfter;
    this.errors = errors;
  }

  Neighbour neighbour() {
    return neighbour;
  }

  /** The last sequence of the neighbour's change log stored here: it sends after this. */
  long receivedUpTo() {
    return receiver.received();
  }

  /** Starts sending from where the neighbour said it has everything, and asks for its first frames. */
  void start() {
    log.info("sync with {} {}: sending after {}, receiving after {}", neighbour.role().label(), neighbour.nodeId(),
        sentUpTo, receiver.received());
    wire.request(2);
    wake();
  }

  /** A frame after the handshake, on a gRPC thread. */
  void frame(LinkFrame frame) {
    serial.execute(() -> guarded(() -> handle(frame)));
  }

  /** New versions in the change log, or the transport ready again: send what the window allows. */
  void wake() {
    if (!closed && pumpQueued.compareAndSet(false, true)) {
      serial.execute(() -> {
        pumpQueued.set(false);
        guarded(this::pump);
      });
    }
  }

  void stop() {
    closed = true;
  }

  private void handle(LinkFrame frame) {
    if (closed) {
      return;
    }
    switch (frame.getFrameCase()) {
      case BUNDLE -> {
        long before = receiver.received();
        BundleReceiver.Outcome outcome = receiver.receive(frame.getBundle());
        if (!idle(receiver.received() == before)) {
          return;
        }
        wire.send(LinkFrame.newBuilder().setAck(outcome.ack()).build());
        if (outcome.closeLink()) {
          fail(Status.INVALID_ARGUMENT.withDescription(outcome.ack().getBundleErrorCode() + ": "
              + outcome.ack().getBundleError()));
          return;
        }
      }
      case ACK -> acknowledged(frame.getAck());
      case AUDIT_HEAD -> {
        if (neighbour.role() != LinkRole.CHILD) {
          throw CixException.invalidInput("an audit head from " + neighbour.nodeId() + ", which is not a child");
        }
        long now = clock.millis();
        boolean early = now - auditHeadReceivedAt < AUDIT_HEAD_SPACING.toMillis();
        auditHeadReceivedAt = now;
        if (!idle(early)) {
          return;
        }
        countersigning.countersign(frame.getAuditHead(), neighbour.nodeId(), sealKey())
            .ifPresent(w -> wire.send(LinkFrame.newBuilder().setAuditWitness(w).build()));
      }
      case AUDIT_WITNESS -> {
        if (neighbour.role() != LinkRole.PARENT) {
          throw CixException.invalidInput("an audit countersignature from " + neighbour.nodeId()
              + ", which is not the parent");
        }
        countersigning.witnessed(frame.getAuditWitness(), neighbour.nodeId(), sealKey());
      }
      default -> throw CixException.invalidInput("unexpected frame " + frame.getFrameCase() + " during sync");
    }
    wire.request(1);
    pump();
  }

  private void acknowledged(BundleAck ack) {
    BundleSender.Sent sent = inFlight.peekFirst();
    if (sent == null || ack.getLastSeq() != sent.lastSeq()) {
      throw CixException.invalidInput("acknowledgement of " + ack.getLastSeq() + " does not match the oldest bundle "
          + "in flight (" + (sent == null ? "none" : sent.lastSeq()) + ")");
    }
    inFlight.removeFirst();
    sender.acknowledged(sent, ack);
    if (!ack.getBundleErrorCode().isEmpty()) {
      log.warn("{} refused bundle {}..{}: {}: {}", neighbour.nodeId(), sent.firstSeq(), sent.lastSeq(),
          ack.getBundleErrorCode(), ack.getBundleError());
    }
  }

  /**
   * Counts a frame that brought nothing new ({@code nothingNew}) or resets the count; false when
   * the link was closed as a flood.
   */
  private boolean idle(boolean nothingNew) {
    idleFrames = nothingNew ? idleFrames + 1 : 0;
    if (idleFrames > MAX_IDLE_FRAMES) {
      fail(Status.RESOURCE_EXHAUSTED.withDescription(idleFrames + " frames in a row from " + neighbour.nodeId()
          + " brought nothing new (replayed bundles, audit heads less than " + AUDIT_HEAD_SPACING.toSeconds()
          + " s apart): a flood; link closed"));
      return false;
    }
    return true;
  }

  private PublicKey sealKey() {
    return neighbour.sealChain().get(0).getPublicKey();
  }

  /** To the parent: the head of this node's audit log, when it moved, at most every {@link AuditCountersigning#EVERY}. */
  private void sendAuditHead() {
    long now = clock.millis();
    if (neighbour.role() != LinkRole.PARENT || !wire.isReady()
        || now - auditHeadSentAt < AuditCountersigning.EVERY.toMillis()) {
      return;
    }
    countersigning.headAfter(auditHeadSent).ifPresent(head -> {
      wire.send(LinkFrame.newBuilder().setAuditHead(head.signed()).build());
      auditHeadSent = head.seq();
      auditHeadSentAt = now;
    });
  }

  private void pump() {
    if (!closed) {
      sendAuditHead();
    }
    while (!closed && inFlight.size() < window && wire.isReady()) {
      Optional<BundleSender.Sent> next = sender.next(sentUpTo);
      if (next.isEmpty()) {
        return;
      }
      BundleSender.Sent sent = next.get();
      wire.send(LinkFrame.newBuilder().setBundle(sent.bundle()).build());
      inFlight.addLast(sent);
      sentUpTo = sent.lastSeq();
    }
  }

  private void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.warn("sync with {} failed: {}", neighbour.nodeId(), e.getMessage());
      fail(StatusMapping.toStatus(e).getStatus());
    }
  }

  private void fail(Status status) {
    errors.failed(status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
    closed = true;
    wire.close(status);
  }
}
