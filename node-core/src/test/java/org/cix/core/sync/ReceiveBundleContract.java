package org.cix.core.sync;

import org.cix.reliability.Fault;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.link.LinkRole;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.node.NodeStores;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.ItemReject;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;
import org.cix.proto.v1.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national node receiving bundles from its child bj, honest and hostile (a sender with a
 * valid certificate that alters what it bundles): every bad item is refused with its reason and
 * the rest stored; a bad bundle as a whole leaves nothing. Run on stores in memory here, and on
 * H2 and PostgreSQL by storage's subclasses: one specification of reception for every store.
 */
public abstract class ReceiveBundleContract {
  static final Fault CONFLICT = new Fault(
      "the same record version with other content from another source; a later version of a "
          + "record sent by a node that is not its origin",
      "a conflict, kept aside, never stored; the held (origin's) version stays current");
  static final Fault UNKNOWN_TYPE_VERSION = new Fault(
      "a record of a type version this node's catalog does not have",
      "unknown_type_version per item (records of another catalog whose type is the same are "
          + "accepted)");
  static final Fault OTHER_SUBTREE = new Fault(
      "a child relaying records originated outside its subtree",
      "outside_sender_jurisdiction per item");
  static final Fault WRONG_KEY = new Fault(
      "a bundle signed with a key that is not the sender's",
      "refused whole (bad_bundle_signature), link closed, nothing stored, cursor unchanged");
  static final Fault FORGED_SEAL = new Fault(
      "a seal signature forged",
      "every item of that seal refused (bad_seal); items of other seals stored");
  static final Fault TAMPERED_ITEM = new Fault(
      "a record byte altered after sealing; a Merkle proof altered",
      "that item refused (bad_proof), the rest of the bundle stored");
  static final Fault REPLAYED = new Fault(
      "an old bundle replayed",
      "replayed_bundle, nothing changed, the link stays up");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Measures MEASURES = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
  private static final Clock CLOCK = Clock.systemUTC();
  @TempDir Path dir;
  private TestPki pki;
  private int opened;
  private NodeKeyMaterial cnKeys;
  private NodeKeyMaterial bjKeys;
  private NodeServices cn;
  private NodeServices bj;
  private BundleReceiver receiver;

  /** The stores of a new node, each call a new empty database named {@code name}. */
  protected abstract NodeStores open(String name);

  /** Whether the stores keep the arrival times `cix stats` reads (databases do; memory does not). */
  protected boolean keepsArrivalTimes() {
    return true;
  }

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir.resolve("pki"));
    cnKeys = pki.node("cn", "");
    bjKeys = pki.node("bj", "1101");
    cn = node(cnKeys, CATALOG);
    bj = node(bjKeys, CATALOG);
    SyncServices cnSync = cn.sync(Optional.empty(), Set.of(), BundleSender.Limits.DEFAULT);
    receiver = cnSync.receiver(cnSync.neighbour(identity(bjKeys), LinkRole.CHILD, DerChains.encode(bjKeys.sealChain()),
        Subscription.getDefaultInstance()), Long.MAX_VALUE);
  }

  private NodeServices node(NodeKeyMaterial keys, Catalog catalog) {
    return NodeServices.assemble(catalog, MEASURES, keys, open("data_" + keys.nodeId() + opened++),
        PilotAllowlist.empty(), CLOCK);
  }

  private static NodeIdentity identity(NodeKeyMaterial keys) {
    return new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
  }

  /** The next bundle {@code keys} sends to cn, built from {@code store} (which may tamper). */
  private Bundle bundleFrom(NodeKeyMaterial keys, NodeServices node, TamperingStore store, long after) {
    SyncServices sync = new SyncServices(identity(keys), keys, node.catalog(), store, node.ids(), node.departments(),
        node.sharing(),
        node.discipline().current(), Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT, CLOCK);
    Neighbour parent = sync.neighbour(identity(cnKeys), LinkRole.PARENT, DerChains.encode(cnKeys.sealChain()),
        Subscription.getDefaultInstance());
    return sync.sender(parent, 0).next(after).orElseThrow().bundle();
  }

  private Bundle bundle(TamperingStore store) {
    return bundleFrom(bjKeys, bj, store, 0);
  }

  private TamperingStore honest() {
    return new TamperingStore(bj.exchange());
  }

  private static List<String> reasons(BundleAck ack) {
    return ack.getRejectsList().stream().map(ItemReject::getReasonCode).toList();
  }

  @Test
  void honestBundle_isStored_thenItsReplay_isRefused_andChangesNothing() {
    REPLAYED.inflicted();
    TestExports.penalties(bj, 1, "110105", 20);
    Bundle bundle = bundle(honest());

    BundleReceiver.Outcome first = receiver.receive(bundle);
    assertThat(first.ack().getAccepted()).as("the penalties and, first, bj's registration of their department")
        .isEqualTo(21);
    assertThat(first.ack().getRejectsList()).isEmpty();
    assertThat(first.closeLink()).isFalse();
    assertThat(cn.exchange().cursor("bj").received()).isEqualTo(21);
    assertThat(cn.store().counts().versions()).isEqualTo(21);

    BundleReceiver.Outcome replay = receiver.receive(bundle);
    assertThat(replay.ack().getBundleErrorCode()).isEqualTo("replayed_bundle");
    assertThat(replay.closeLink()).isFalse();
    assertThat(cn.store().counts().versions()).isEqualTo(21);
    assertThat(cn.store().counts().records()).isEqualTo(21);
    assertThat(cn.exchange().versionsByOriginAndType()).as("counted once, as stored")
        .isEqualTo(bj.exchange().versionsByOriginAndType())
        .isEqualTo(Map.of("bj", Map.of("administrative-penalty", 20L, "department", 1L)));
    assertThat(cn.exchange().versionsByOrigin()).as("counted once, by the link they came through")
        .isEqualTo(Map.of("bj", Map.of("bj", 21L)));
    assertThat(bj.exchange().versionsByOrigin()).isEqualTo(Map.of("bj", Map.of("", 21L)));
    if (keepsArrivalTimes()) {
      assertThat(cn.exchange().arrivalLags(0, 100)).as("one arrival time per version received")
          .containsOnlyKeys("bj").satisfies(lags -> assertThat(lags.get("bj")).hasSize(21));
      assertThat(cn.exchange().arrivalLags(0, 5).get("bj")).as("the newest, up to the limit").hasSize(5);
      assertThat(cn.exchange().arrivalLags(Long.MAX_VALUE, 100)).as("none received since").isEmpty();
      assertThat(bj.exchange().arrivalLags(0, 100)).as("versions made here did not arrive").isEmpty();
    }
    assertThat(cn.exchange().ledger(10)).extracting(LedgerEntry::error).contains(Optional.empty())
        .anySatisfy(e -> assertThat(e).hasValueSatisfying(m -> assertThat(m).contains("received before")));
  }

  @Test
  void tamperedRecordByte_isRefusedByItsProof_andTheOthersAreStored() {
    TAMPERED_ITEM.inflicted();
    TestExports.penalties(bj, 1, "110105", 20);
    TamperingStore store = honest();
    store.versions = v -> v.seq() != 7 ? v : withBody(v, flipLastByte(v.body()));

    BundleAck ack = receiver.receive(bundle(store)).ack();

    assertThat(ack.getAccepted()).isEqualTo(20);
    assertThat(reasons(ack)).containsExactly("bad_proof");
    assertThat(ack.getRejects(0).getSeq()).isEqualTo(7);
    assertThat(cn.store().counts().versions()).isEqualTo(20);
    assertThat(cn.store().counts().quarantined()).isEqualTo(1);
  }

  @Test
  void badProof_isRefused() {
    TAMPERED_ITEM.inflicted();
    TestExports.penalties(bj, 1, "110105", 20);
    TamperingStore store = honest();
    store.versions = v -> v.seq() != 3 ? v : withProof(v, v.proof().toBuilder()
        .setPath(0, ByteString.copyFrom(new byte[32])).build());

    BundleAck ack = receiver.receive(bundle(store)).ack();

    assertThat(ack.getAccepted()).isEqualTo(20);
    assertThat(reasons(ack)).containsExactly("bad_proof");
  }

  @Test
  void forgedSeal_refusesItsItemsOnly() {
    FORGED_SEAL.inflicted();
    TestExports.penalties(bj, 1, "110105", 20);
    TestExports.penalties(bj, 2, "110108", 10);
    // seq 1 is the registration of 110105's department, 2..21 its penalties, 22 the other's
    String firstSeal = bj.exchange().changesAfter(1, 1).get(0).proof().getSealId();
    TamperingStore store = honest();
    store.seals = seal -> !sealIdOf(seal).equals(firstSeal) ? seal
        : seal.toBuilder().setSignature(ByteString.copyFrom(flipLastByte(seal.getSignature().toByteArray()))).build();

    BundleAck ack = receiver.receive(bundle(store)).ack();

    assertThat(ack.getAccepted()).as("both registrations, the other district's penalties").isEqualTo(12);
    assertThat(reasons(ack)).hasSize(20).containsOnly("bad_seal");
    assertThat(ack.getRejects(0).getDetail()).contains("signature");
  }

  @Test
  void bundleSignedByAnotherKey_isRefusedWhole_andTheLinkClosed() {
    WRONG_KEY.inflicted();
    TestExports.penalties(bj, 1, "110105", 20);
    Bundle bundle = bundle(honest());
    NodeKeyMaterial other = pki.node("sh", "3101");
    Bundle forged = bundle.toBuilder()
        .setSignature(ByteString.copyFrom(Signatures.sign(other.sealKey(), bundle.getHeader().toByteArray()))).build();

    BundleReceiver.Outcome outcome = receiver.receive(forged);

    assertThat(outcome.ack().getBundleErrorCode()).isEqualTo("bad_bundle_signature");
    assertThat(outcome.closeLink()).isTrue();
    assertThat(cn.store().counts().versions()).isZero();
    assertThat(cn.exchange().cursor("bj").received()).isZero();
  }

  /**
   * bj's child bj-chaoyang registers its department and sends bj four penalties (five versions, all
   * accepted); the link from bj down to it.
   */
  private Neighbour chaoyangSendsToBj() {
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    NodeServices chaoyang = node(chaoyangKeys, CATALOG);
    TestExports.penalties(chaoyang, 6, "110105", 4);
    SyncServices up = chaoyang.sync(Optional.of("bj"), Set.of(), BundleSender.Limits.DEFAULT);
    Bundle fromChaoyang = up.sender(up.neighbour(identity(bjKeys), LinkRole.PARENT, DerChains.encode(bjKeys.sealChain()),
        Subscription.getDefaultInstance()), 0).next(0).orElseThrow().bundle();
    SyncServices atBj = bj.sync(Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT);
    Neighbour child = atBj.neighbour(identity(chaoyangKeys), LinkRole.CHILD,
        DerChains.encode(chaoyangKeys.sealChain()), Subscription.getDefaultInstance());
    assertThat(atBj.receiver(child, Long.MAX_VALUE).receive(fromChaoyang).ack().getAccepted()).isEqualTo(5);
    return child;
  }

  @Test
  void aVersionKeptWithoutHopProofs_goesOnWithThePathItsHolderVouchesFor() {
    chaoyangSendsToBj();
    // as bj would hold them had it stored them before receipts existed
    TamperingStore beforeReceipts = honest();
    beforeReceipts.versions = v -> new LoggedVersion(v.seq(), v.recordId(), v.version(), v.type(), v.subjectId(),
        v.originNode(), v.viaNode(), v.body(), v.sha256(), v.proof(), v.hops(), List.of(), v.storedAtMillis(),
        List.of());

    BundleAck ack = receiver.receive(bundle(beforeReceipts)).ack();

    assertThat(ack.getRejectsList()).isEmpty();
    assertThat(ack.getAccepted()).as("chaoyang's registration and penalties").isEqualTo(5);
    assertThat(cn.exchange().changesAfter(0, 10)).allSatisfy(v -> {
      assertThat(v.hops()).containsExactly("bj-chaoyang", "bj");
      assertThat(v.hopProofs()).as("bj's receipt made when it sent them, then cn's").hasSize(2);
    });
  }

  @Test
  void whatAChildSent_isNotReadBackForIt_yetTheBundleDownCoversThatStretch() {
    Neighbour child = chaoyangSendsToBj();
    List<LoggedVersion> read = new ArrayList<>();
    TamperingStore watched = honest();
    watched.versions = v -> {
      read.add(v);
      return v;
    };
    SyncServices down = new SyncServices(identity(bjKeys), bjKeys, bj.catalog(), watched, bj.ids(), bj.departments(),
        bj.sharing(), bj.discipline().current(), Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT, CLOCK);

    BundleSender sender = down.sender(child, 0);
    BundleSender.Sent sent = sender.next(0).orElseThrow();

    assertThat(bj.exchange().changesAfter(0, 100)).filteredOn(v -> v.viaNode().equals("bj-chaoyang")).hasSize(5);
    assertThat(read).as("none of chaoyang's own versions read to be sent back to it")
        .noneMatch(v -> v.viaNode().equals("bj-chaoyang"));
    assertThat(sent.lastSeq()).as("the bundle covers the log to its head").isEqualTo(bj.exchange().head());
    assertThat(sender.next(0).orElseThrow()).as("not acknowledged: the same stretch again")
        .satisfies(again -> assertThat(again.lastSeq()).isEqualTo(sent.lastSeq()))
        .satisfies(again -> assertThat(again.items()).isEqualTo(sent.items()));
    assertThat(sender.next(sent.lastSeq())).as("nothing after the head").isEmpty();
  }

  @Test
  void arrivalTimes_throughTwoNeighbours_theNewestOfBoth_upToTheLimit() {
    assumeTrue(keepsArrivalTimes(), "this store keeps no arrival times");
    TestExports.penalties(bj, 1, "110105", 20);
    assertThat(receiver.receive(bundle(honest())).ack().getAccepted()).isEqualTo(21);
    NodeKeyMaterial shKeys = pki.node("sh", "3101");
    NodeServices sh = node(shKeys, CATALOG);
    TestExports.penalties(sh, 2, "310101", 10);
    SyncServices cnSync = cn.sync(Optional.empty(), Set.of(), BundleSender.Limits.DEFAULT);
    BundleReceiver fromSh = cnSync.receiver(cnSync.neighbour(identity(shKeys), LinkRole.CHILD,
        DerChains.encode(shKeys.sealChain()), Subscription.getDefaultInstance()), Long.MAX_VALUE);
    assertThat(fromSh.receive(bundleFrom(shKeys, sh, new TamperingStore(sh.exchange()), 0)).ack().getAccepted())
        .isEqualTo(11);

    assertThat(cn.exchange().arrivalLags(0, 100)).as("each neighbour's arrivals, by origin")
        .containsOnlyKeys("bj", "sh")
        .satisfies(lags -> assertThat(lags.get("bj")).hasSize(21))
        .satisfies(lags -> assertThat(lags.get("sh")).hasSize(11));
    assertThat(cn.exchange().arrivalLags(0, 15)).as("the newest 15 of both: sh's 11, then bj's last 4")
        .satisfies(lags -> assertThat(lags.get("sh")).hasSize(11))
        .satisfies(lags -> assertThat(lags.get("bj")).hasSize(4));
  }

  @Test
  void childRelayingARecordOfAnotherSubtree_isRefused() {
    OTHER_SUBTREE.inflicted();
    pki.node("sh", "3101");
    NodeKeyMaterial huangpuKeys = pki.node(pki.caOf("sh"), "sh-huangpu", "310101");
    NodeServices huangpu = node(huangpuKeys, CATALOG);
    TestExports.penalties(huangpu, 5, "310101", 8);
    // bj signs and sends records sealed at sh-huangpu, outside bj's subtree
    Bundle relayed = bundleFrom(bjKeys, huangpu, new TamperingStore(huangpu.exchange()), 0);

    BundleAck ack = receiver.receive(relayed).ack();

    assertThat(ack.getAccepted()).isZero();
    assertThat(reasons(ack)).as("huangpu's registration and its penalties").hasSize(9)
        .containsOnly("outside_sender_jurisdiction");
    assertThat(cn.store().counts().versions()).isZero();
  }

  @Test
  void recordOfAnotherCatalog_isAcceptedWhenItsTypeIsTheSame_refusedWhenTheTypeVersionDiffers() throws Exception {
    UNKNOWN_TYPE_VERSION.inflicted();
    Catalog shared = variant("shared", "version: 1");
    Catalog bumped = variant("bumped", "version: 2");
    assertThat(shared.version()).isNotEqualTo(CATALOG.version());
    NodeStores store = open("data_variant");
    NodeServices sharing = NodeServices.assemble(shared, MEASURES, bjKeys, store, PilotAllowlist.empty(), CLOCK);
    NodeServices bumping = NodeServices.assemble(bumped, MEASURES, bjKeys, store, PilotAllowlist.empty(), CLOCK);

    TestExports.penalties(sharing, 1, "110105", 4);
    BundleAck same = receiver.receive(bundleFrom(bjKeys, sharing, new TamperingStore(store.exchange()), 0)).ack();
    assertThat(same.getAccepted()).as("the registration and the penalties").isEqualTo(5);
    assertThat(reasons(same)).isEmpty();

    TestExports.penalties(bumping, 2, "110105", 4);
    BundleAck other = receiver.receive(bundleFrom(bjKeys, bumping, new TamperingStore(store.exchange()), 5)).ack();
    assertThat(reasons(other)).hasSize(4).containsOnly("unknown_type_version");
  }

  /**
   * A catalog with only the penalty type (its version line replaced by {@code version}) and the
   * department registrations.
   */
  private Catalog variant(String name, String version) throws Exception {
    Path catalogDir = Files.createDirectories(dir.resolve("catalog-" + name));
    Files.writeString(catalogDir.resolve("administrative-penalty.yaml"), Files.readString(
        Path.of("..", "conf", "catalog", "administrative-penalty.yaml")).replace("version: 1", version));
    Files.copy(Path.of("..", "conf", "catalog", "department.yaml"), catalogDir.resolve("department.yaml"));
    Files.writeString(catalogDir.resolve("catalog.yaml"),
        "name: a local variant\ntypes:\n  - administrative-penalty.yaml\n  - department.yaml\n");
    return CatalogLoader.load(CatalogSource.directory(catalogDir));
  }

  @Test
  void sameRecordVersionWithAnotherHash_isAConflict_notStored() {
    CONFLICT.inflicted();
    TestExports.penaltiesUnregistered(cn, 1, "110105", 6);
    TestExports.penalties(bj, 1, "110105", 6);

    BundleAck ack = receiver.receive(bundle(honest())).ack();

    assertThat(ack.getConflicts()).isEqualTo(6);
    assertThat(ack.getAccepted()).as("bj's registration").isEqualTo(1);
    assertThat(cn.store().counts().versions()).isEqualTo(7);
    assertThat(cn.exchange().changesAfter(0, 100)).filteredOn(v -> !v.type().equals("department"))
        .allSatisfy(v -> assertThat(v.originNode()).isEqualTo("cn"));
    assertThat(cn.exchange().versionsByOriginAndType()).as("a conflict is not held, so not counted")
        .isEqualTo(Map.of("cn", Map.of("administrative-penalty", 6L), "bj", Map.of("department", 1L)));
    assertThat(cn.quality().list(true, Optional.empty())).as("each conflict is in the quality queue").hasSize(6)
        .allSatisfy(issue -> {
          assertThat(issue.kind()).isEqualTo(org.cix.core.quality.IssueKind.CONFLICT);
          assertThat(issue.department()).hasSize(18);
          assertThat(issue.source()).isEqualTo("link:bj");
          assertThat(issue.detail()).contains("made by bj differs from the version held here");
        });
  }

  @Test
  void laterVersionOfARecordMadeByAnotherNode_isAConflict_theOriginsVersionStaysCurrent() {
    CONFLICT.inflicted();
    org.cix.core.synthetic.ExampleRecords examples = new org.cix.core.synthetic.ExampleRecords(7, "110105");
    java.util.Map<String, String> row = examples.majorPenalty(examples.enterprise(), "北京示例有限公司",
        java.time.LocalDate.parse("2026-01-05"), java.time.LocalDate.parse("2029-01-05"));
    TestExports.keyedUnregistered(cn, "administrative-penalty", List.of(row));
    TestExports.keyed(bj, "administrative-penalty", List.of(row));
    java.util.Map<String, String> revised = new java.util.LinkedHashMap<>(row);
    revised.put("penalty_content", "撤销处罚");
    TestExports.keyed(bj, "administrative-penalty", List.of(revised));
    assertThat(bj.exchange().changesAfter(0, 10)).filteredOn(v -> !v.type().equals("department"))
        .extracting(LoggedVersion::version).containsExactly(1, 2);

    BundleAck ack = receiver.receive(bundle(honest())).ack();

    assertThat(ack.getConflicts()).as("v1 differs; v2 is not bj's to make").isEqualTo(2);
    assertThat(ack.getAccepted()).as("bj's registrations").isEqualTo(1);
    String id = cn.exchange().changesAfter(0, 10).get(0).recordId();
    assertThat(cn.store().history(id)).singleElement()
        .satisfies(v -> assertThat(v.version().body().getOriginNode()).isEqualTo("cn"));
  }

  /** bj's two versions of one penalty: v1, then v2 revising it. */
  private List<LoggedVersion> twoVersionsAtBj() {
    org.cix.core.synthetic.ExampleRecords examples = new org.cix.core.synthetic.ExampleRecords(7, "110105");
    java.util.Map<String, String> row = examples.majorPenalty(examples.enterprise(), "北京示例有限公司",
        java.time.LocalDate.parse("2026-01-05"), java.time.LocalDate.parse("2029-01-05"));
    TestExports.keyed(bj, "administrative-penalty", List.of(row));
    java.util.Map<String, String> revised = new java.util.LinkedHashMap<>(row);
    revised.put("penalty_content", "撤销处罚");
    TestExports.keyed(bj, "administrative-penalty", List.of(revised));
    return bj.exchange().changesAfter(0, 10).stream().filter(v -> v.type().equals("administrative-penalty")).toList();
  }

  /** A bundle from bj carrying only {@code v}, at bj's change-log position {@code after + 1}. */
  private BundleAck sendAlone(LoggedVersion v, long after) {
    TamperingStore alone = honest();
    alone.sends = sent -> List.of(new LoggedVersion(after + 1, v.recordId(), v.version(), v.type(), v.subjectId(),
        v.originNode(), v.viaNode(), v.body(), v.sha256(), v.proof(), v.hops(), v.hopTimes(), v.storedAtMillis(),
        v.hopProofs()));
    alone.head = head -> Math.max(head, after + 1);
    return receiver.receive(bundleFrom(bjKeys, bj, alone, after)).ack();
  }

  /**
   * A version received after a newer one of its record (a bundle in another order) is held
   * without becoming current; the record's history has both, and the late one sent again is known
   * as a duplicate: found along the record's chain of versions, there being no index by record and
   * version.
   */
  @Test
  void versionReceivedAfterANewerOne_isHeld_inTheHistory_andADuplicateWhenSentAgain() {
    LoggedVersion v1 = twoVersionsAtBj().get(0);
    TamperingStore newestFirst = honest();
    newestFirst.sends = sent -> sent.stream().sorted(java.util.Comparator
        .comparing((LoggedVersion v) -> !v.type().equals("department")).thenComparing(LoggedVersion::version,
            java.util.Comparator.reverseOrder())).toList();

    BundleAck ack = receiver.receive(bundle(newestFirst)).ack();

    assertThat(ack.getAccepted()).as("the registration, v2, then v1: %s", reasons(ack)).isEqualTo(3);
    assertThat(cn.store().current(List.of(v1.recordId())).get(v1.recordId()).version()).isEqualTo(2);
    assertThat(cn.store().history(v1.recordId())).extracting(v -> v.version().version()).containsExactly(1, 2);

    BundleAck again = sendAlone(v1, ack.getLastSeq());

    assertThat(again.getDuplicates()).as("%s %s", again.getBundleError(), reasons(again)).isEqualTo(1);
    assertThat(again.getAccepted()).isZero();
    assertThat(cn.store().counts().versions()).isEqualTo(3);
    assertThat(cn.store().history(v1.recordId())).extracting(v -> v.version().version()).containsExactly(1, 2);
  }

  /**
   * The same when the late version comes in a later bundle (a relay that lagged): it joins the
   * chain of a record held already, and is a duplicate after that.
   */
  @Test
  void versionReceivedInALaterBundle_joinsTheChainOfTheRecordHeld() {
    List<LoggedVersion> versions = twoVersionsAtBj();
    TamperingStore withoutV1 = honest();
    withoutV1.sends = sent -> sent.stream().filter(v -> v.seq() != versions.get(0).seq()).toList();
    BundleAck first = receiver.receive(bundle(withoutV1)).ack();
    assertThat(first.getAccepted()).as("the registration and v2").isEqualTo(2);
    String id = versions.get(0).recordId();

    BundleAck late = sendAlone(versions.get(0), first.getLastSeq());

    assertThat(late.getAccepted()).as("%s %s", late.getBundleError(), reasons(late)).isOne();
    assertThat(cn.store().current(List.of(id)).get(id).version()).isEqualTo(2);
    assertThat(cn.store().history(id)).extracting(v -> v.version().version()).containsExactly(1, 2);
    assertThat(sendAlone(versions.get(0), late.getLastSeq()).getDuplicates()).isOne();
    assertThat(cn.store().counts().versions()).isEqualTo(3);
  }

  private static String sealIdOf(Seal seal) {
    try {
      return org.cix.core.seal.SealVerifier.header(seal).getSealId();
    } catch (org.cix.core.seal.SealVerifier.Failure e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] flipLastByte(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length - 1] ^= 0x01;
    return copy;
  }

  private static LoggedVersion withBody(LoggedVersion v, byte[] body) {
    return new LoggedVersion(v.seq(), v.recordId(), v.version(), v.type(), v.subjectId(), v.originNode(), v.viaNode(), body,
        org.cix.crypto.hash.Hashes.sha256(body), v.proof(), v.hops(), v.hopTimes(), v.storedAtMillis(), v.hopProofs());
  }

  private static LoggedVersion withProof(LoggedVersion v, SealProof proof) {
    return new LoggedVersion(v.seq(), v.recordId(), v.version(), v.type(), v.subjectId(), v.originNode(), v.viaNode(), v.body(), v.sha256(),
        proof, v.hops(), v.hopTimes(), v.storedAtMillis(), v.hopProofs());
  }
}
