package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.link.LinkRole;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.sync.BundleReceiver;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.sync.Neighbour;
import org.cix.core.sync.SyncServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.Subscription;
import org.cix.reliability.Fault;
import org.cix.reliability.Trials;

/**
 * Bundles with random bytes altered, received by a node on a real H2 store: a child keeps
 * ingesting, each try sends what the parent has not acknowledged with 1-8 bytes changed anywhere
 * (header, signature, records, proofs, seals, certificates). The bundle is unreadable, refused as
 * a whole, or its intact items are stored and the altered ones refused; the receiver never fails
 * otherwise, and every version the parent holds is byte for byte one the child made.
 */
class BundleFuzzTest {
  static final Fault ALTERED_BUNDLE = new Fault(
      "a bundle with 1-8 random bytes altered anywhere (header, signature, records, proofs, seals, "
          + "certificates; property-based, real H2 store)",
      "unreadable, refused whole, or only its intact items stored; never a failure; every stored version is "
          + "byte for byte the one its origin made");

  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Clock CLOCK = Clock.systemUTC();
  private static Path dir;
  private static JdbcStores cnStore;
  private static JdbcStores bjStore;
  private static NodeServices cn;
  private static NodeServices bj;
  private static BundleReceiver receiver;
  private static SyncServices bjSync;
  private static Neighbour parent;
  private static int seed;

  @BeforeAll
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("cix-bundle-fuzz-");
    TestDatabases databases = new TestDatabases(Database.Engine.H2, dir);
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    var measures = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
    cnStore = new JdbcStores(databases.open("fuzz_cn"));
    bjStore = new JdbcStores(databases.open("fuzz_bj"));
    cn = NodeServices.assemble(CATALOG, measures, cnKeys, cnStore.node(), PilotAllowlist.empty(), CLOCK);
    bj = NodeServices.assemble(CATALOG, measures, bjKeys, bjStore.node(), PilotAllowlist.empty(), CLOCK);
    SyncServices cnSync = cn.sync(Optional.empty(), Set.of(), BundleSender.Limits.DEFAULT);
    receiver = cnSync.receiver(cnSync.neighbour(identity(bjKeys), LinkRole.CHILD,
        DerChains.encode(bjKeys.sealChain()), Subscription.getDefaultInstance()), Long.MAX_VALUE);
    bjSync = bj.sync(Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT);
    parent = bjSync.neighbour(identity(cnKeys), LinkRole.PARENT, DerChains.encode(cnKeys.sealChain()),
        Subscription.getDefaultInstance());
  }

  @AfterAll
  static void tearDown() throws Exception {
    cnStore.close();
    bjStore.close();
    StagedDirectory.deleteRecursively(dir);
  }

  private static NodeIdentity identity(NodeKeyMaterial keys) {
    return new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
  }

  @Test
  void anAlteredBundle_neverStoresAnAlteredVersion() {
    Trials.check(150, random -> {
      TestExports.penalties(bj, ++seed, "110105", 2);
      long acknowledged = cn.exchange().cursor("bj").received();
      Bundle honest = bjSync.sender(parent, 0).next(acknowledged).orElseThrow().bundle();
      byte[] bytes = honest.toByteArray();
      int changes = 1 + random.nextInt(8);
      for (int i = 0; i < changes; i++) {
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
      }
      ALTERED_BUNDLE.inflicted();
      Bundle altered;
      try {
        altered = Bundle.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        return; // what gRPC refuses before the node sees it
      }
      BundleReceiver.Outcome outcome = receiver.receive(altered);
      assertThat(outcome.ack()).isNotNull();
      assertThat(cn.exchange().cursor("bj").received()).isLessThanOrEqualTo(bj.exchange().head());
      assertEveryHeldVersionIsTheOriginal();
    });
  }

  private static void assertEveryHeldVersionIsTheOriginal() {
    Map<String, String> made = new HashMap<>();
    for (LoggedVersion v : bj.exchange().changesAfter(0, 100_000)) {
      made.put(v.recordId() + "#" + v.version(), HexFormat.of().formatHex(v.sha256()));
    }
    for (LoggedVersion v : cn.exchange().changesAfter(0, 100_000)) {
      assertThat(HexFormat.of().formatHex(v.sha256())).as(v.recordId()).isEqualTo(made.get(v.recordId() + "#" + v.version()));
      assertThat(org.cix.crypto.hash.Hashes.sha256(v.body())).isEqualTo(v.sha256());
    }
  }
}
