package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.link.LinkPolicy;
import org.cix.core.link.LinkRole;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.GrpcServers;
import org.cix.federation.server.ServerLimits;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.BundleHeader;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.Hello;
import org.cix.proto.v1.LinkFrame;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.Neighbour;
import org.cix.core.sync.SyncServices;
import org.cix.proto.v1.Subscription;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.cix.core.sync.LinkTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer with a valid certificate that breaks the protocol on purpose, over real mTLS: each
 * attempt is refused with its reason, nothing of it is stored, and the node keeps serving an
 * honest child.
 */
@Timeout(120)
class HostilePeerTest {
  static final Fault NEVER_ACKS = new Fault(
      "a child that takes bundles and never acknowledges them",
      "it gets the window (4 bundles) and no more; an honest child meanwhile gets everything");
  static final Fault FORGED_BUNDLE = new Fault(
      "a bundle signed with a key that is not the sender's, over the wire",
      "acknowledged with bad_bundle_signature, link closed, nothing stored, cursor unchanged");
  static final Fault OVERSIZED = new Fault(
      "a message over the node's size limit",
      "refused by gRPC (RESOURCE_EXHAUSTED, stream reset); an honest child keeps syncing");
  static final Fault PROTOCOL_BROKEN = new Fault(
      "a peer with a valid certificate that breaks the link protocol: a bundle before the "
          + "Hello, an acknowledgement of a bundle never sent",
      "FAILED_PRECONDITION or INVALID_ARGUMENT with the reason, link closed");
  static final Fault FLOOD = new Fault(
      "a child that sends up to a million small frames on its stream (the same bundle again and again; empty "
          + "frames), as fast as flow control lets it",
      "cut off as a flood (RESOURCE_EXHAUSTED after 64 frames that bring nothing new; INVALID_ARGUMENT at the "
          + "first empty frame); an honest child syncs meanwhile");
  static final Fault SUPERSEDED = new Fault(
      "a second stream from the same node while its first is open (a child that reconnected before the node "
          + "noticed its old connection die)",
      "the older stream is closed ABORTED (superseded), the newer one is served");
  static final Fault NEVER_READS = new Fault(
      "a child that never reads its stream", "flow control holds the node's bundles back; an honest child gets "
          + "everything; the stream is kept");
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int MAX_MESSAGE = 256 * 1024;
  @TempDir Path dir;
  private final RunningNodes running = new RunningNodes();
  private TestPki pki;
  private NodeKeyMaterial cnKeys;
  private NodeKeyMaterial hostileKeys;
  private FederationNode cn;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    cnKeys = pki.node("cn", "");
    hostileKeys = pki.node("bj", "1101");
    cn = running.add(TestNodes.start(cnKeys, Optional.empty(), MAX_MESSAGE));
    channel = LinkChannels.open(hostileKeys, new LinkTarget("cn", "127.0.0.1", cn.federationPort(), LinkRole.PARENT),
        ServerLimits.defaults(), Clock.systemUTC(), new AtomicReference<>());
  }

  @AfterEach
  void tearDown() {
    GrpcServers.stop(channel, Duration.ofSeconds(5));
    running.close();
  }

  private StreamObserver<LinkFrame> open(LinkStream stream) {
    return FederationGrpc.newStub(channel).exchange(stream);
  }

  private Hello hello() {
    Hello.Builder hello = Hello.newBuilder().setProtocolVersion(LinkPolicy.PROTOCOL_VERSION).setNodeId("bj")
        .setJurisdiction("1101").setRole(org.cix.proto.v1.LinkRole.LINK_ROLE_CHILD);
    DerChains.encode(hostileKeys.sealChain()).forEach(der -> hello.addSealChain(ByteString.copyFrom(der)));
    return hello.build();
  }

  @Test
  void aBundleBeforeTheHandshake_isRefused() throws Exception {
    PROTOCOL_BROKEN.inflicted();
    LinkStream stream = new LinkStream();
    open(stream).onNext(LinkFrame.newBuilder().setBundle(Bundle.getDefaultInstance()).build());

    Status status = stream.end();
    assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getDescription()).contains("the first frame of a link must be a Hello");
  }

  @Test
  void aMessageOverTheLimit_isRefused_andTheNodeServesAnHonestChild() throws Exception {
    OVERSIZED.inflicted();
    LinkStream stream = new LinkStream();
    StreamObserver<LinkFrame> requests = open(stream);
    requests.onNext(LinkFrame.newBuilder().setHello(hello()).build());
    requests.onNext(LinkFrame.newBuilder().setBundle(Bundle.newBuilder()
        .setHeader(ByteString.copyFrom(new byte[2 * MAX_MESSAGE]))).build());

    // the server refuses the message (RESOURCE_EXHAUSTED: message exceeds maximum size) and resets
    // the stream, which the sender sees as CANCELLED
    assertThat(stream.end().getCode()).isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED);
    NodeKeyMaterial honest = pki.node("sh", "3101");
    running.start(honest, Optional.of(cn));
    TestExports.penalties(TestNodes.services(honest), 1, "310101", 20);
    await().atMost(BOUND).untilAsserted(() ->
        assertThat(TestNodes.services(cnKeys).store().counts().versions()).as("20 and their department's registration")
            .isEqualTo(21));
  }

  @Test
  void aForgedBundle_isAnsweredWithItsReason_thenTheLinkIsClosed_andNothingStored() throws Exception {
    FORGED_BUNDLE.inflicted();
    LinkStream stream = new LinkStream();
    StreamObserver<LinkFrame> requests = open(stream);
    requests.onNext(LinkFrame.newBuilder().setHello(hello()).build());
    await().atMost(BOUND).until(() -> !stream.received.isEmpty());
    assertThat(stream.received.get(0).hasWelcome()).isTrue();
    byte[] header = BundleHeader.newBuilder().setSender("bj").setReceiver("cn").setFirstSeq(1).setLastSeq(1)
        .setAlgorithm("Ed25519").build().toByteArray();
    requests.onNext(LinkFrame.newBuilder().setBundle(Bundle.newBuilder().setHeader(ByteString.copyFrom(header))
        .setSignature(ByteString.copyFrom(new byte[64]))).build());

    Status status = stream.end();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(stream.received).filteredOn(LinkFrame::hasAck).extracting(f -> f.getAck().getBundleErrorCode())
        .containsExactly("bad_bundle_signature");
    assertThat(TestNodes.services(cnKeys).store().counts().versions()).isZero();
    assertThat(TestNodes.services(cnKeys).exchange().cursor("bj").received()).isZero();
  }

  @Test
  void aSecondStreamFromTheSameNode_supersedesTheFirst() throws Exception {
    LinkStream first = new LinkStream();
    open(first).onNext(LinkFrame.newBuilder().setHello(hello()).build());
    await().atMost(BOUND).until(() -> first.received.stream().anyMatch(LinkFrame::hasWelcome));

    LinkStream second = new LinkStream();
    open(second).onNext(LinkFrame.newBuilder().setHello(hello()).build());
    SUPERSEDED.inflicted();

    Status status = first.end();
    assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(status.getDescription()).contains("superseded by a newer stream of bj");
    await().atMost(BOUND).until(() -> second.received.stream().anyMatch(LinkFrame::hasWelcome));
    assertThat(second.ended).isNotDone();
  }

  @Test
  void anAcknowledgementOfNothing_closesTheLink() throws Exception {
    PROTOCOL_BROKEN.inflicted();
    LinkStream stream = new LinkStream();
    StreamObserver<LinkFrame> requests = open(stream);
    requests.onNext(LinkFrame.newBuilder().setHello(hello()).build());
    requests.onNext(LinkFrame.newBuilder().setAck(BundleAck.newBuilder().setLastSeq(42)).build());

    Status status = stream.end();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("acknowledgement of 42");
  }

  @Test
  void aChildThatNeverAcknowledges_getsAtMostTheWindow_whileAnHonestChildGetsEverything() throws Exception {
    NEVER_ACKS.inflicted();
    TestExports.listings(TestNodes.services(cnKeys), 81, "110105", 1, 600);
    LinkStream stream = new LinkStream();
    StreamObserver<LinkFrame> requests = open(stream);
    requests.onNext(LinkFrame.newBuilder().setHello(hello().toBuilder().setMaxBundleBytes(32 * 1024)).build());
    NodeKeyMaterial honest = pki.node("sh", "3101");
    running.start(honest, Optional.of(cn));

    await().atMost(BOUND).until(() -> TestNodes.services(honest).store().counts().versions() == 601);
    await().atMost(BOUND).until(() -> bundles(stream) >= 4);
    assertThat(bundles(stream)).as("no more than the window of unacknowledged bundles").isEqualTo(4);
    long items = stream.received.stream().filter(LinkFrame::hasBundle).mapToLong(f -> f.getBundle().getItemsCount())
        .sum();
    assertThat(items).as("held back by the window, not for want of records").isPositive().isLessThan(600);
    assertThat(stream.ended).isNotDone();
  }

  @Test
  void aMillionReplayedBundles_areCutOffAsAFlood_whileAnHonestChildSyncs() throws Exception {
    NodeServices hostile = TestNodes.services(hostileKeys);
    TestExports.penalties(hostile, 3, "110105", 1);
    SyncServices sync = hostile.sync(Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT);
    Neighbour parent = sync.neighbour(new NodeIdentity("cn", Jurisdiction.NATIONAL), LinkRole.PARENT,
        DerChains.encode(cnKeys.sealChain()), Subscription.getDefaultInstance());
    LinkFrame bundle = LinkFrame.newBuilder().setBundle(sync.sender(parent, 0).next(0).orElseThrow().bundle()).build();
    Flood flood = new Flood(LinkFrame.newBuilder().setHello(hello()).build(), bundle, 1_000_000);
    FederationGrpc.newStub(channel).exchange(flood);
    NodeKeyMaterial honest = pki.node("sh", "3101");
    running.start(honest, Optional.of(cn));
    TestExports.penalties(TestNodes.services(honest), 4, "310101", 20);

    Status status = flood.answers.end();
    FLOOD.inflicted(flood.sent.get());
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription()).contains("brought nothing new");
    assertThat(flood.sent.get()).as("cut off long before a million").isLessThan(1_000_000);
    assertThat(flood.acks()).as("one ack per frame handled, the first stored")
        .isLessThanOrEqualTo(64 + 1); // SyncSession.MAX_IDLE_FRAMES + 1
    await().atMost(BOUND).untilAsserted(() ->
        assertThat(TestNodes.services(cnKeys).store().counts().versions())
            .as("the flood's first bundle (a registration and a penalty), 20 and their registration").isEqualTo(23));
  }

  @Test
  void aMillionEmptyFrames_endAtTheFirst() throws Exception {
    Flood flood = new Flood(LinkFrame.newBuilder().setHello(hello()).build(), LinkFrame.getDefaultInstance(),
        1_000_000);
    FederationGrpc.newStub(channel).exchange(flood);

    Status status = flood.answers.end();
    FLOOD.inflicted(flood.sent.get());
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("unexpected frame");
    assertThat(flood.sent.get()).isLessThan(1_000_000);
  }

  @Test
  void aChildThatNeverReadsItsStream_doesNotHoldUpAnHonestOne() throws Exception {
    TestExports.listings(TestNodes.services(cnKeys), 82, "110105", 1, 600);
    LinkStream stream = new LinkStream();
    StreamObserver<LinkFrame> requests = FederationGrpc.newStub(channel).exchange(
        new ClientResponseObserver<LinkFrame, LinkFrame>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<LinkFrame> call) {
            call.disableAutoRequestWithInitial(0);
          }

          @Override
          public void onNext(LinkFrame frame) {
            stream.onNext(frame);
          }

          @Override
          public void onError(Throwable t) {
            stream.onError(t);
          }

          @Override
          public void onCompleted() {
            stream.onCompleted();
          }
        });
    requests.onNext(LinkFrame.newBuilder().setHello(hello()).build());
    NEVER_READS.inflicted();
    NodeKeyMaterial honest = pki.node("sh", "3101");
    running.start(honest, Optional.of(cn));

    await().atMost(BOUND).until(() -> TestNodes.services(honest).store().counts().versions() == 601);
    assertThat(stream.received).as("it reads nothing").isEmpty();
    assertThat(stream.ended).as("its stream is kept, not a reason to fail").isNotDone();
    assertThat(cn.sync().services().store().linkTotals().getOrDefault("bj", LinkTotals.NONE).recordsSent()).isZero();
  }

  /**
   * Sends {@code first}, then {@code frame} up to {@code times} times as fast as flow control
   * allows; what comes back goes to a {@link LinkStream}.
   */
  private static final class Flood implements ClientResponseObserver<LinkFrame, LinkFrame> {
    final AtomicLong sent = new AtomicLong();
    final LinkStream answers = new LinkStream();
    private final LinkFrame first;
    private final LinkFrame frame;
    private final long times;
    private ClientCallStreamObserver<LinkFrame> requests;

    Flood(LinkFrame first, LinkFrame frame, long times) {
      this.first = first;
      this.frame = frame;
      this.times = times;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<LinkFrame> call) {
      requests = call;
      call.setOnReadyHandler(this::pour);
    }

    private synchronized void pour() {
      if (sent.get() == 0 && !answers.ended.isDone()) {
        requests.onNext(first);
      }
      while (requests.isReady() && !answers.ended.isDone() && sent.get() < times) {
        requests.onNext(frame);
        sent.incrementAndGet();
      }
    }

    long acks() {
      return answers.received.stream().filter(LinkFrame::hasAck).count();
    }

    @Override
    public void onNext(LinkFrame received) {
      answers.onNext(received);
    }

    @Override
    public void onError(Throwable t) {
      answers.onError(t);
    }

    @Override
    public void onCompleted() {
      answers.onCompleted();
    }
  }

  private static long bundles(LinkStream stream) {
    return stream.received.stream().filter(LinkFrame::hasBundle).count();
  }
}
