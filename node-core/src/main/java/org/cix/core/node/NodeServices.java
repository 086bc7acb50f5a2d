package org.cix.core.node;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.cix.core.account.Accounts;
import org.cix.core.submission.Submissions;
import org.cix.crypto.pki.AccountIssuer;
import org.cix.core.audit.AuditEvent;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.correction.Corrections;
import org.cix.core.correction.DepartmentRequests;
import org.cix.core.commitment.CommitmentBreaches;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.discipline.MeasuresSignatures;
import org.cix.core.discipline.FeedbackPublisher;
import org.cix.core.discipline.JointDiscipline;
import org.cix.core.discipline.Measures;
import org.cix.core.ingest.BatchLimit;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.pack.CreditPackages;
import org.cix.core.pack.PackageWriter;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.revocation.RevocationLists;
import org.cix.core.stats.NodeReports;
import org.cix.core.quality.DataQuality;
import org.cix.core.profile.RemoteQuery;
import org.cix.core.profile.SubjectProfiles;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Resealing;
import org.cix.core.seal.Sealer;
import org.cix.core.sharing.Grants;
import org.cix.core.sharing.SharingPolicy;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoreBackup;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.core.subject.SubjectKind;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.SyncServices;
import org.cix.crypto.pki.NodeKeyMaterial;

/**
 * The domain services of one node, assembled once from its catalog, measures, keys and stores; a
 * node with a parent asks it what it does not hold once linked to it ({@link #askUp}); the sync services are
 * made once the node's neighbours are known ({@link #sync}).
 */
public record NodeServices(
    Catalog catalog, RecordStore store, ExchangeStore exchange, IngestJob ingest, SubjectProfiles profiles,
    FederatedProfiles federated, JointDiscipline discipline, FeedbackPublisher feedback, Corrections corrections,
    DataQuality quality, CreditPackages packages, NodeReports reports, RevocationLists revocations, Resealing resealing,
    DepartmentRegistry departments, DepartmentAccess access,
    Grants grants, SharingPolicy sharing, AuditLog audit, StoreBackup backup, NodeKeyMaterial keys, SubjectIds ids,
    Clock clock) {
  /**
   * An ingest's sealed batches, one signature and one transaction each: 10,000 rows, or fewer
   * holding a million characters (the generated penalties, some 370 characters a row: about
   * 2,700). Wide rows in flight between the ingest's stages filled a 512 MiB heap, and the
   * collector took half the CPU (docs/performance.md).
   */
  public static final BatchLimit INGEST_BATCH = new BatchLimit(10_000, 1_000_000);

  /**
   * The services of a node's writer process. {@code measures}: the configured set, applied unless
   * the node adopted its parent's before.
   */
  public static NodeServices assemble(Catalog catalog, Measures measures, NodeKeyMaterial keys, NodeStores stores,
      PilotAllowlist pilots, Clock clock) {
    stores.exchange().putOriginChain(keys.sealChain());
    return build(catalog, measures, keys, stores, pilots, clock);
  }

  /**
   * The services of a read front end: the same, over stores it only reads (but for the checks it
   * records in its writer's database), writing nothing when assembled.
   */
  public static NodeServices assembleFrontEnd(Catalog catalog, Measures measures, NodeKeyMaterial keys,
      NodeStores stores, PilotAllowlist pilots, Clock clock) {
    return build(catalog, measures, keys, stores, pilots, clock);
  }

  private static NodeServices build(Catalog catalog, Measures measures, NodeKeyMaterial keys, NodeStores stores,
      PilotAllowlist pilots, Clock clock) {
    NodeIdentity self = new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
    SubjectIds ids = new SubjectIds(clock, pilots);
    Sealer sealer = new Sealer(keys, clock);
    RecordMaker maker = new RecordMaker(catalog, self, ids);
    DepartmentRegistry departments = new DepartmentRegistry(catalog, stores.records(), stores.exchange(), maker,
        sealer, stores.audit(), clock);
    IngestJob ingest = new IngestJob(catalog, self, departments, CommitmentBreaches.of(catalog, stores.records()),
        sealer, stores.records(), ids, clock, INGEST_BATCH);
    SubjectProfiles profiles = new SubjectProfiles(catalog, stores.records(), ids,
        new SealVerifier(keys.validator(clock)), stores.exchange(), clock);
    keys.revocations().onChange(profiles::forgetVerifiedSeals);
    FederatedProfiles federated = new FederatedProfiles(profiles, catalog, self.nodeId(),
        self.jurisdiction().equals(Jurisdiction.NATIONAL));
    JointDiscipline discipline = new JointDiscipline(new CurrentMeasures(measures, catalog, stores.measures(),
        new MeasuresSignatures(keys, clock)),
        federated, stores.checks(), stores.audit(), self.nodeId(), clock);
    Grants grants = new Grants(stores.grants(), stores.audit(), catalog, self.nodeId(), clock);
    Corrections corrections = new Corrections(catalog, stores.records(), stores.exchange(), stores.corrections(),
        maker, sealer, federated, stores.audit(), clock);
    DataQuality quality = new DataQuality(stores.records(), stores.exchange(), stores.quality(), corrections, maker,
        sealer, stores.audit(), clock);
    CreditPackages packages = new CreditPackages(catalog, stores.records(), stores.exchange(), federated,
        discipline.current(), new PackageWriter(catalog, keys, self, clock), stores.audit(), self.nodeId(), clock);
    return new NodeServices(catalog, stores.records(), stores.exchange(), ingest, profiles, federated, discipline,
        new FeedbackPublisher(catalog, stores.checks(), ingest), corrections, quality, packages,
        new NodeReports(catalog, stores.records(), stores.exchange(), maker, sealer, clock),
        new RevocationLists(catalog, stores.records(), stores.exchange(), maker, sealer, keys, stores.audit(), clock),
        new Resealing(catalog, stores.records(), stores.exchange(), maker, sealer, keys, stores.audit(), clock),
        departments, access(keys, stores, departments, ingest, corrections, catalog, clock), grants,
        new SharingPolicy(catalog, grants), stores.audit(), stores.backup(), keys, ids, clock);
  }

  private static DepartmentAccess access(NodeKeyMaterial keys, NodeStores stores, DepartmentRegistry departments,
      IngestJob ingest, Corrections corrections, Catalog catalog, Clock clock) {
    Supplier<AccountIssuer> issuer = () -> keys.directory()
        .map(dir -> AccountIssuer.loadOrCreate(dir, keys.nodeId(), clock))
        .orElseGet(() -> AccountIssuer.create(keys.nodeId(), clock));
    return new DepartmentAccess(new Accounts(stores.accounts(), departments, issuer, stores.audit(), keys.nodeId(),
        clock), new Submissions(stores.submissions(), ingest, stores.audit(), clock),
        new DepartmentRequests(corrections, stores.records(), catalog));
  }

  /**
   * From now on, asks {@code parent} about subjects whose records this node does not all hold:
   * profiles, checks, packages and objections alike (they share one {@link FederatedProfiles}).
   */
  public void askUp(RemoteQuery parent) {
    federated.askUp(parent);
  }

  /** Stops asking {@code parent} (the node's link to it is closing). */
  public void stopAsking(RemoteQuery parent) {
    federated.stopAsking(parent);
  }

  /**
   * Writes a question about {@code subject} to the audit log when the subject is a natural person
   * (resident ID number): who asked, what and why. Questions about enterprises are not audited.
   */
  public void auditPersonQuery(String subject, String actor, String action, String detail) {
    IdCheck id = ids.check(subject);
    if (id.isValid() && id.kind().orElseThrow() == SubjectKind.RESIDENT_ID) {
      audit.append(new AuditEvent(clock.instant(), actor, action, id.normalised().orElseThrow(), detail));
    }
  }

  /** The sync services of this node, given its parent and peers. */
  public SyncServices sync(Optional<String> parent, Set<String> peers, BundleSender.Limits limits) {
    NodeIdentity self = new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
    return new SyncServices(self, keys, catalog, exchange, ids, departments, sharing, discipline.current(), parent,
        peers, limits, clock);
  }
}
