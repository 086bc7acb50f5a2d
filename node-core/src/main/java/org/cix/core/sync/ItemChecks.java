package org.cix.core.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.ingest.RecordSchema;
import org.cix.core.ingest.RowProblem;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealVerdict;
import org.cix.core.seal.SealVerifier;
import org.cix.proto.v1.BundleItem;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SealHeader;

/**
 * Each item of a received bundle checked on its own, in the order DESIGN.md section 5 gives: its
 * seal and proof, schema, origin, route and department, and the path it took here.
 */
final class ItemChecks {
  private final NodeIdentity self;
  private final Neighbour from;
  private final Catalog catalog;
  private final RecordSchema schema;
  private final DepartmentRegistry departments;
  private final Routing routing;

  ItemChecks(NodeIdentity self, Neighbour from, Catalog catalog, RecordSchema schema, DepartmentRegistry departments,
      Routing routing) {
    this.self = self;
    this.from = from;
    this.catalog = catalog;
    this.schema = schema;
    this.departments = departments;
    this.routing = routing;
  }

  /**
   * One item's verdict: the version, its verified seal header and the sender's hop leaf (which this
   * node's receipt follows), or the refusal.
   */
  record Checked(String type, String recordId, RecordVersion version, SealHeader seal, byte[] lastLeaf,
      Refusal refusal) {
    static Checked refused(String type, String recordId, String code, String detail) {
      return new Checked(type, recordId, null, null, null, new Refusal(code, detail));
    }
  }

  /** {@code registeredHere}: the department registrations that passed earlier in the bundle. */
  Checked check(BundleItem item, byte[] bytes, byte[] sha256, BundleSeals seals,
      Map<String, DepartmentRegistry.Department> registeredHere) {
    RecordVersion version;
    try {
      version = RecordVersion.fromHashedBytes(bytes, sha256);
    } catch (RuntimeException e) {
      return Checked.refused("?", "", "bad_record", e.getMessage());
    }
    RecordBody body = version.body();
    String type = body.getType();
    String id = body.getRecordId();
    if (item.getHopsList().contains(self.nodeId())) {
      return Checked.refused(type, id, "loop", "the version passed through this node before");
    }
    Optional<SealVerdict> verdict = seals.verdicts().get(item.getProof().getSealId());
    if (verdict.isEmpty()) {
      return Checked.refused(type, id, "missing_seal", "seal " + item.getProof().getSealId() + " is not in the bundle");
    }
    Optional<SealHeader> verified = verdict.get().verified().or(() -> provenEarlier(item, version, seals));
    if (verified.isEmpty()) {
      SealVerdict.Refused refused = (SealVerdict.Refused) verdict.get();
      return Checked.refused(type, id, refused.code(), refused.reason());
    }
    SealHeader sealHeader = verified.get();
    if (sealHeader.getReceipt()) {
      return Checked.refused(type, id, "bad_seal", "seal " + sealHeader.getSealId() + " is a relay's receipt, which "
          + "seals no record");
    }
    try {
      SealVerifier.prove(sealHeader, item.getProof(), version);
    } catch (SealVerifier.Failure e) {
      return Checked.refused(type, id, "bad_proof", e.getMessage());
    }
    if (!sealHeader.getOriginNode().equals(body.getOriginNode())
        || !sealHeader.getOriginJurisdiction().equals(body.getOriginJurisdiction())) {
      return Checked.refused(type, id, "origin_mismatch", "record names origin " + body.getOriginNode()
          + " but was sealed by " + sealHeader.getOriginNode());
    }
    Optional<RowProblem> problem = schema.check(body);
    if (problem.isPresent()) {
      return Checked.refused(type, id, problem.get().code(),
          (problem.get().field().isEmpty() ? "" : problem.get().field() + ": ") + problem.get().message());
    }
    RecordType recordType = catalog.type(type).orElseThrow();
    Optional<Refusal> routed = routing.admits(recordType, new Jurisdiction(body.getOriginJurisdiction()), from);
    if (routed.isPresent()) {
      return Checked.refused(type, id, routed.get().code(), routed.get().detail());
    }
    Optional<RowProblem> unregistered = departments.check(recordType, version.fields(), body.getOriginNode(),
        registeredHere, false);
    if (unregistered.isPresent()) {
      return Checked.refused(type, id, unregistered.get().code(),
          unregistered.get().field() + ": " + unregistered.get().message());
    }
    byte[] lastLeaf;
    try {
      lastLeaf = HopPath.verify(version.sha256(), body.getOriginNode(), item.getHopsList(), item.getHopTimesList(),
          from.nodeId(), item.getHopProofsList(), seals.verdicts());
    } catch (HopPath.Unproven e) {
      return Checked.refused(type, id, e.refusal().code(), e.refusal().detail());
    }
    return new Checked(type, id, version, sealHeader, lastLeaf, null);
  }

  /**
   * The origin's seal of {@code item} as of the time the first relay on its way proved it existed
   * (its receipt, checked here), when the seal does not hold now: a certificate expired or
   * superseded since still proves what existed before. Empty for a version sent by its origin.
   */
  private Optional<SealHeader> provenEarlier(BundleItem item, RecordVersion version, BundleSeals seals) {
    if (item.getHopTimesCount() < 2) {
      return Optional.empty();
    }
    try {
      HopPath.verify(version.sha256(), version.body().getOriginNode(), item.getHopsList(), item.getHopTimesList(),
          from.nodeId(), item.getHopProofsList(), seals.verdicts());
    } catch (HopPath.Unproven e) {
      return Optional.empty();
    }
    long relayed = item.getHopTimes(1);
    for (int j = 2; j < item.getHopTimesCount(); j++) {
      relayed = Math.min(relayed, item.getHopTimes(j));
    }
    return seals.asOf(item.getProof().getSealId(), Instant.ofEpochMilli(relayed));
  }
}
