package org.cix.core.sync;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.catalog.Catalog;
import org.cix.core.error.CixException;
import org.cix.core.ingest.RecordSchema;
import org.cix.core.link.LinkRole;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.node.NodeIdentity;
import org.cix.core.sharing.SharingPolicy;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.core.subject.SubjectIds;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.CertificateProfile;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.proto.v1.Subscription;

/**
 * What one node needs to sync with its neighbours, assembled once it knows them (its parent and
 * peers): a sender and a receiver per link, and the checks of a neighbour's handshake.
 */
public final class SyncServices {
  private final NodeIdentity self;
  private final NodeKeyMaterial keys;
  private final Catalog catalog;
  private final ExchangeStore store;
  private final Routing routing;
  private final RecordSchema schema;
  private final ChainValidator validator;
  private final BundleBuilder builder;
  private final BundleSender.Limits limits;
  private final CurrentMeasures measures;
  private final DepartmentRegistry departments;
  private final Clock clock;

  public SyncServices(NodeIdentity self, NodeKeyMaterial keys, Catalog catalog, ExchangeStore store, SubjectIds ids,
      DepartmentRegistry departments, SharingPolicy sharing, CurrentMeasures measures, Optional<String> parent, Set<String> peers,
      BundleSender.Limits limits, Clock clock) {
    this.measures = measures;
    this.departments = departments;
    this.self = self;
    this.keys = keys;
    this.catalog = catalog;
    this.store = store;
    this.routing = new Routing(catalog, sharing, self.jurisdiction(), parent, peers, ids);
    this.schema = new RecordSchema(catalog, ids);
    this.validator = keys.validator(clock);
    this.builder = new BundleBuilder(keys, store, catalog.version(), clock);
    this.limits = limits;
    this.clock = clock;
  }

  public ExchangeStore store() {
    return store;
  }

  /** The measures this node applies: their version goes in its Hello, and a parent hands its set down. */
  public CurrentMeasures measures() {
    return measures;
  }

  /** This node's sealing chain, DER, leaf first: sent in the handshake, it verifies this node's bundles. */
  public List<byte[]> sealChain() {
    return DerChains.encode(keys.sealChain());
  }

  /**
   * The neighbour a handshake describes, after checking that the sealing chain it sent is a valid
   * sealing certificate of the same node and jurisdiction as its TLS certificate.
   */
  public Neighbour neighbour(NodeIdentity identity, LinkRole role, List<byte[]> sealChain, Subscription subscription) {
    List<X509Certificate> chain;
    CertIdentity certified;
    try {
      chain = DerChains.decode(sealChain);
      if (chain.isEmpty()) {
        throw new CertificateException("no sealing certificate");
      }
      certified = validator.validate(chain, CertificateProfile.SEAL);
    } catch (CertificateException e) {
      throw CixException.permissionDenied("sealing certificate of " + identity.nodeId() + ": " + e.getMessage());
    }
    if (!certified.nodeId().orElse("").equals(identity.nodeId())
        || !certified.jurisdiction().equals(identity.jurisdiction().code())) {
      throw CixException.permissionDenied("the sealing certificate sent by " + identity.nodeId() + " is of "
          + certified.nodeId().orElse("?") + " (" + certified.jurisdiction() + ")");
    }
    return new Neighbour(identity, role, chain, subscription);
  }

  /** A sender to {@code to}, whose bundles stay within {@code maxBundleBytes} (0: no bound stated). */
  public BundleSender sender(Neighbour to, int maxBundleBytes) {
    return new BundleSender(to, store, routing, builder, limits.atMost(maxBundleBytes), clock);
  }

  /** A receiver of {@code from}'s bundles; {@code fromHead} is the end of its change log, as it said. */
  public BundleReceiver receiver(Neighbour from, long fromHead) {
    return new BundleReceiver(self, from, fromHead, store, catalog, schema, departments, routing,
        new SealVerifier(validator), new Sealer(keys, clock), clock);
  }
}
