package org.cix.core.node;

import java.time.Clock;
import org.cix.core.catalog.Catalog;
import org.cix.core.ingest.IngestJob;
import org.cix.core.profile.OriginCertificates;
import org.cix.core.profile.SubjectProfiles;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.crypto.pki.NodeKeyMaterial;

/** The domain services of one node, assembled once from its catalog, keys and store. */
public record NodeServices(Catalog catalog, RecordStore store, IngestJob ingest, SubjectProfiles profiles) {
  /** Rows per sealed batch: one signature and one transaction per batch. */
  public static final int INGEST_BATCH = 10_000;

  public static NodeServices assemble(
      Catalog catalog, NodeKeyMaterial keys, RecordStore store, PilotAllowlist pilots, Clock clock) {
    NodeIdentity self = new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
    SubjectIds ids = new SubjectIds(clock, pilots);
    IngestJob ingest = new IngestJob(catalog, self, new Sealer(keys, clock), store, ids, clock, INGEST_BATCH);
    SubjectProfiles profiles = new SubjectProfiles(catalog, store, ids, new SealVerifier(keys.validator(clock)),
        OriginCertificates.self(keys.nodeId(), keys.sealChain()), clock);
    return new NodeServices(catalog, store, ingest, profiles);
  }
}
