package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.discipline.Decision;
import org.cix.core.discipline.MeasuresLoader;
import java.util.Set;
import org.cix.core.link.LinkRole;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.Neighbour;
import org.cix.core.sync.SyncServices;
import org.cix.crypto.pki.DerChains;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.ItemReject;
import org.cix.proto.v1.Subscription;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district's sealing key renewed (the old certificate revoked as superseded): what it sealed
 * before keeps its proof and keeps restricting; a key revoked for compromise proves nothing from
 * the compromise on (issue 20). The node stored the listing 30 s before the revocation (its clock
 * set back), and checks it now.
 */
class KeyRenewalHistoryTest {
  static final Fault SUPERSEDED_KEY = new Fault(
      "a district's sealing certificate revoked after its records were stored: as superseded (renewal), or for "
          + "key compromise since a time before they were stored",
      "superseded: the records still verify and a serious-dishonesty listing still restricts; compromised: "
          + "'origin not proven ... compromised since', the listing restricts nothing");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @TempDir Path dir;
  private TestPki pki;
  private CertificateAuthority city;
  private NodeKeyMaterial keys;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir.resolve("pki"));
    pki.node("cn", "");
    pki.node("bj", "1101");
    city = pki.caOf("bj");
    keys = pki.node(city, "bj-chaoyang", "110105");
  }

  @Test
  void recordsSealedBeforeTheKeyWasSuperseded_keepTheirProof_andRestrict() {
    SUPERSEDED_KEY.inflicted();
    Decision decision = listThenRevoke(CRLReason.superseded, Optional.empty());
    assertThat(decision).isEqualTo(Decision.RESTRICT);
  }

  @Test
  void recordsSealedAfterAKeyCompromise_proveNothing() {
    Decision decision = listThenRevoke(CRLReason.keyCompromise, Optional.of(Instant.now().minusSeconds(45)));
    assertThat(decision).isEqualTo(Decision.NONE);
  }

  /** Lists one enterprise, stored 30 s ago; revokes the sealing certificate now; checks it now. */
  private Decision listThenRevoke(int reason, Optional<Instant> compromisedSince) {
    try (JdbcStores store = new JdbcStores(new TestDatabases(Database.Engine.H2, dir).open("chaoyang"))) {
      NodeServices then = node(store, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30)));
      TestExports.listings(then, 5, "110105", 1, 1);
      String subject = TestExports.first(then, "serious-dishonesty").subjectId();
      NodeServices now = node(store, Clock.systemUTC());
      assertThat(now.profiles().profile(subject).entries()).singleElement()
          .satisfies(e -> assertThat(e.sealCheck()).isEqualTo("verified"));

      X509CRL crl = city.revoke(Optional.empty(), keys.sealChain().get(0), reason, compromisedSince);
      assertThat(keys.revocations().accept(crl, city.chain(), keys.validator(Clock.systemUTC()))).isTrue();

      NodeServices after = node(store, Clock.systemUTC());
      String sealCheck = after.profiles().profile(subject).entries().get(0).sealCheck();
      if (compromisedSince.isPresent()) {
        assertThat(sealCheck).contains("certificate revoked").contains("compromised since");
      } else {
        assertThat(sealCheck).isEqualTo("verified");
      }
      return after.discipline().check(new CheckRequest(subject, "public-procurement.bid", "财政局 采购科",
          "投标资格审查")).decision();
    } catch (java.security.cert.CertificateException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aVersionRelayedBeforeItsKeyWasSuperseded_isAcceptedAfterwards_onTheRelaysReceipt() throws Exception {
    assertThat(relayAfterRevocation(CRLReason.superseded, Optional.empty()).getAccepted())
        .as("the registration and the listing, proven at bj 30 s before the revocation").isEqualTo(2);
  }

  @Test
  void aVersionRelayedAfterItsKeyWasCompromised_isRefused() throws Exception {
    BundleAck ack = relayAfterRevocation(CRLReason.keyCompromise, Optional.of(Instant.now().minusSeconds(60)));
    assertThat(ack.getAccepted()).isZero();
    assertThat(ack.getRejectsList()).extracting(ItemReject::getReasonCode).containsOnly("bad_seal");
  }

  /**
   * Chaoyang lists one enterprise (40 s ago), bj stores it with its receipt (30 s ago); then
   * chaoyang's sealing certificate is revoked; then bj sends it to cn, which checks it now.
   */
  private BundleAck relayAfterRevocation(int reason, Optional<Instant> compromisedSince) throws Exception {
    NodeKeyMaterial bjKeys = NodeKeyMaterial.load(pki.dirOf("bj"), Clock.systemUTC());
    NodeKeyMaterial cnKeys = NodeKeyMaterial.load(pki.dirOf("cn"), Clock.systemUTC());
    TestDatabases databases = new TestDatabases(Database.Engine.H2, dir);
    try (JdbcStores chaoyangStore = new JdbcStores(databases.open("chaoyang"));
        JdbcStores bjStore = new JdbcStores(databases.open("bj"));
        JdbcStores cnStore = new JdbcStores(databases.open("cn"))) {
      NodeServices chaoyang = node(keys, chaoyangStore, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-40)));
      NodeServices bj = node(bjKeys, bjStore, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30)));
      NodeServices cn = node(cnKeys, cnStore, Clock.systemUTC());
      TestExports.listings(chaoyang, 6, "110105", 1, 1);
      SyncServices up = chaoyang.sync(Optional.of("bj"), Set.of(), BundleSender.Limits.DEFAULT);
      SyncServices atBj = bj.sync(Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT);
      assertThat(atBj.receiver(neighbour(atBj, keys, LinkRole.CHILD), Long.MAX_VALUE)
          .receive(up.sender(neighbour(up, bjKeys, LinkRole.PARENT), 0).next(0).orElseThrow().bundle()).ack()
          .getAccepted()).isEqualTo(2);

      X509CRL crl = city.revoke(Optional.empty(), keys.sealChain().get(0), reason, compromisedSince);
      assertThat(cnKeys.revocations().accept(crl, city.chain(), cnKeys.validator(Clock.systemUTC()))).isTrue();

      SyncServices atCn = cn.sync(Optional.empty(), Set.of(), BundleSender.Limits.DEFAULT);
      return atCn.receiver(neighbour(atCn, bjKeys, LinkRole.CHILD), Long.MAX_VALUE)
          .receive(atBj.sender(neighbour(atBj, cnKeys, LinkRole.PARENT), 0).next(0).orElseThrow().bundle()).ack();
    }
  }

  private static Neighbour neighbour(SyncServices sync, NodeKeyMaterial keys, LinkRole role) {
    return sync.neighbour(new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction())), role,
        DerChains.encode(keys.sealChain()), Subscription.getDefaultInstance());
  }

  private NodeServices node(JdbcStores store, Clock clock) {
    return node(keys, store, clock);
  }

  private static NodeServices node(NodeKeyMaterial keys, JdbcStores store, Clock clock) {
    return NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG), keys,
        store.node(), PilotAllowlist.empty(), clock);
  }
}
