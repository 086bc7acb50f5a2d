package org.cix.core.node;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.cix.core.catalog.Catalog;
import org.cix.core.discipline.CheckLog;
import org.cix.core.discipline.JointDiscipline;
import org.cix.core.discipline.Measures;
import org.cix.core.ingest.IngestJob;
import org.cix.core.profile.SubjectProfiles;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.SyncServices;
import org.cix.crypto.pki.NodeKeyMaterial;

/**
 * The domain services of one node, assembled once from its catalog, keys and store; the sync
 * services are made from them once the node's neighbours are known ({@link #sync}).
 */
public record NodeServices(
    Catalog catalog, RecordStore store, ExchangeStore exchange, IngestJob ingest, SubjectProfiles profiles,
    JointDiscipline discipline, NodeKeyMaterial keys, SubjectIds ids, Clock clock) {
  /** Rows per sealed batch: one signature and one transaction per batch. */
  public static final int INGEST_BATCH = 10_000;

  /**
   * {@code exchange} is the same store seen from the exchange's side; {@code checks} is where
   * joint-discipline checks are recorded.
   */
  public static NodeServices assemble(Catalog catalog, Measures measures, NodeKeyMaterial keys, RecordStore store,
      ExchangeStore exchange, CheckLog checks, PilotAllowlist pilots, Clock clock) {
    NodeIdentity self = new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
    SubjectIds ids = new SubjectIds(clock, pilots);
    IngestJob ingest = new IngestJob(catalog, self, new Sealer(keys, clock), store, ids, clock, INGEST_BATCH);
    SubjectProfiles profiles = new SubjectProfiles(catalog, store, ids, new SealVerifier(keys.validator(clock)),
        exchange, clock);
    exchange.putOriginChain(keys.sealChain());
    JointDiscipline discipline = new JointDiscipline(measures, profiles, checks, clock);
    return new NodeServices(catalog, store, exchange, ingest, profiles, discipline, keys, ids, clock);
  }

  /** The sync services of this node, given its parent and peers. */
  public SyncServices sync(Optional<String> parent, Set<String> peers, BundleSender.Limits limits) {
    NodeIdentity self = new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
    return new SyncServices(self, keys, catalog, exchange, ids, parent, peers, limits, clock);
  }
}
