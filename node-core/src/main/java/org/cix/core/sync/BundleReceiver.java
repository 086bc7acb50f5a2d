package org.cix.core.sync;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.catalog.Catalog;
import org.cix.core.ingest.RecordSchema;
import org.cix.core.node.NodeIdentity;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.core.store.Quarantined;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.BundleHeader;
import org.cix.proto.v1.BundleItem;
import org.cix.proto.v1.ItemReject;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the bundles of one neighbour, checking in the order DESIGN.md section 5 gives: the
 * bundle's addressing, signature (by the neighbour's sealing key), place in the neighbour's change
 * log and digest; then each item's seal (signature and origin chain) and proof, schema against the
 * catalog, origin (the seal's origin is the record's) and whether it may come over this link.
 * Items that pass are stored with their provenance, the new cursor and the ledger entry in one
 * transaction; an item that fails is quarantined with its reason and reported in the ack, and
 * never holds up the others. One instance per link; not thread-safe.
 */
public final class BundleReceiver {
  private static final Logger log = LoggerFactory.getLogger(BundleReceiver.class);

  /** The acknowledgement to send, and whether the link must be closed (the bundle broke the protocol). */
  public record Outcome(BundleAck ack, boolean closeLink) {}

  private final NodeIdentity self;
  private final Neighbour from;
  private final PublicKey senderKey;
  private final ExchangeStore store;
  private final Catalog catalog;
  private final RecordSchema schema;
  private final DepartmentRegistry departments;
  private final Routing routing;
  private final SealVerifier verifier;
  private final Sealer sealer;
  private final Clock clock;
  private final ItemChecks items;
  private long received;

  /**
   * @param neighbourHead the last sequence of the neighbour's change log, as its handshake said:
   *     when less than what was stored of it, the neighbour lost its data and is heard again from
   *     the start (its versions held already are duplicates; versions it made anew are conflicts)
   */
  public BundleReceiver(NodeIdentity self, Neighbour from, long neighbourHead, ExchangeStore store, Catalog catalog,
      RecordSchema schema, DepartmentRegistry departments, Routing routing, SealVerifier verifier, Sealer sealer,
      Clock clock) {
    this.departments = departments;
    this.self = self;
    this.from = from;
    this.senderKey = from.sealChain().get(0).getPublicKey();
    this.store = store;
    this.catalog = catalog;
    this.schema = schema;
    this.routing = routing;
    this.verifier = verifier;
    this.sealer = sealer;
    this.clock = clock;
    this.items = new ItemChecks(self, from, catalog, schema, departments, routing);
    long stored = store.cursor(from.nodeId()).received();
    if (neighbourHead < stored) {
      String why = from.nodeId() + "'s change log ends at " + neighbourHead + " but " + stored
          + " of it were stored here: it lost data; receiving its change log again from the start";
      log.warn(why);
      store.restartReceiving(from.nodeId(), new LedgerEntry(clock.millis(), from.nodeId(),
          LedgerEntry.Direction.RECEIVED, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0, Optional.of(why)));
      stored = 0;
    }
    this.received = stored;
  }

  /** The last sequence of the neighbour's change log stored here: where it resumes. */
  public long received() {
    return received;
  }

  public Outcome receive(Bundle bundle) {
    long now = clock.millis();
    BundleHeader header;
    try {
      header = BundleHeader.parseFrom(bundle.getHeader());
    } catch (InvalidProtocolBufferException e) {
      return refuse(bundle, null, new Refusal("bad_bundle", "unreadable bundle header"), true, now);
    }
    if (!header.getSender().equals(from.nodeId()) || !header.getReceiver().equals(self.nodeId())) {
      return refuse(bundle, header, new Refusal("misaddressed_bundle", "bundle from " + header.getSender() + " to "
          + header.getReceiver() + " arrived from " + from.nodeId() + " at " + self.nodeId()), true, now);
    }
    if (!Signatures.verify(senderKey, header.getAlgorithm(), bundle.getHeader().toByteArray(),
        bundle.getSignature().toByteArray())) {
      return refuse(bundle, header, new Refusal("bad_bundle_signature",
          "bundle signature does not verify with the sealing key of " + from.nodeId()), true, now);
    }
    if (header.getLastSeq() <= received) {
      return refuse(bundle, header, new Refusal("replayed_bundle", "bundle " + header.getFirstSeq() + ".."
          + header.getLastSeq() + " was received before (stored up to " + received + ")"), false, now);
    }
    if (header.getFirstSeq() != received + 1 || header.getLastSeq() < header.getFirstSeq()) {
      return refuse(bundle, header, new Refusal("sequence_gap", "bundle " + header.getFirstSeq() + ".."
          + header.getLastSeq() + " does not follow " + received), true, now);
    }
    if (header.getItemCount() != bundle.getItemsCount()) {
      return refuse(bundle, header, new Refusal("bad_bundle_digest", "header counts " + header.getItemCount()
          + " items, the bundle has " + bundle.getItemsCount()), true, now);
    }
    List<byte[]> bodies = new ArrayList<>(bundle.getItemsCount());
    List<byte[]> hashes = new ArrayList<>(bundle.getItemsCount());
    ItemDigest digest = new ItemDigest();
    for (BundleItem item : bundle.getItemsList()) {
      byte[] body = item.getBody().toByteArray();
      byte[] sha256 = Hashes.sha256(body);
      bodies.add(body);
      hashes.add(sha256);
      digest.add(item.getSeq(), sha256, item.getHopsList(), item.getHopTimesList());
    }
    if (!Arrays.equals(digest.finish(), header.getItemsSha256().toByteArray())) {
      return refuse(bundle, header, new Refusal("bad_bundle_digest", "items do not match the signed digest"), true,
          now);
    }
    return store(bundle, header, bodies, hashes, now);
  }

  private Outcome store(Bundle bundle, BundleHeader header, List<byte[]> bodies, List<byte[]> hashes, long now) {
    BundleSeals seals = new BundleSeals(bundle, verifier, store);
    List<ReceivedVersion> accepted = new ArrayList<>();
    List<Quarantined> refused = new ArrayList<>();
    BundleAck.Builder ack = BundleAck.newBuilder().setLastSeq(header.getLastSeq());
    Map<String, Integer> byType = new HashMap<>();
    Map<String, Integer> rejects = new HashMap<>();
    long lagMax = 0;
    long lagSum = 0;
    long bytes = 0;
    List<BundleItem> passed = new ArrayList<>();
    List<ItemChecks.Checked> checks = new ArrayList<>();
    List<byte[]> receiptLeaves = new ArrayList<>();
    Map<String, DepartmentRegistry.Department> registeredHere = new HashMap<>();
    for (int i = 0; i < bundle.getItemsCount(); i++) {
      BundleItem item = bundle.getItems(i);
      bytes += item.getBody().size();
      ItemChecks.Checked checked = items.check(item, bodies.get(i), hashes.get(i), seals, registeredHere);
      byType.merge(checked.type(), 1, Integer::sum);
      if (checked.refusal() != null) {
        rejects.merge(checked.refusal().code(), 1, Integer::sum);
        ack.addRejects(ItemReject.newBuilder().setSeq(item.getSeq()).setRecordId(checked.recordId())
            .setReasonCode(checked.refusal().code()).setDetail(checked.refusal().detail()));
        refused.add(new Quarantined("link:" + from.nodeId(), "seq " + item.getSeq(), checked.refusal().code(),
            checked.refusal().detail(), bodies.get(i)));
        continue;
      }
      long lag = Math.max(0, now - checked.seal().getSealedAtMillis());
      lagMax = Math.max(lagMax, lag);
      lagSum += lag;
      passed.add(item);
      checks.add(checked);
      if (checked.type().equals(DepartmentRegistry.TYPE)) {
        DepartmentRegistry.Department registered = DepartmentRegistry.of(checked.version());
        registeredHere.put(registered.uscc(), registered);
      }
      receiptLeaves.add(HopPath.leaf(checked.version().sha256(), checked.lastLeaf(), self.nodeId(), now));
    }
    List<Seal> sealsToKeep = seals.kept();
    if (!passed.isEmpty()) {
      Sealer.Sealed receipt = sealer.receipt(receiptLeaves);
      sealsToKeep.add(receipt.seal());
      for (int i = 0; i < passed.size(); i++) {
        BundleItem item = passed.get(i);
        List<String> hops = new ArrayList<>(item.getHopsList());
        hops.add(from.nodeId());
        List<SealProof> hopProofs = new ArrayList<>(item.getHopProofsList());
        hopProofs.add(receipt.proofs().get(i));
        accepted.add(new ReceivedVersion(item.getSeq(), checks.get(i).version(), item.getProof(), hops,
            item.getHopTimesList(), hopProofs));
      }
    }
    List<List<X509Certificate>> origins = seals.originsUsed();
    LedgerEntry entry = new LedgerEntry(now, from.nodeId(), LedgerEntry.Direction.RECEIVED, header.getFirstSeq(),
        header.getLastSeq(), bundle.getItemsCount(), bytes, 0, 0, 0, refused.size(), byType, rejects, lagMax, lagSum,
        Optional.empty());
    ReceptionOutcome outcome = store.receive(new Reception(from.nodeId(), header.getLastSeq(), now, sealsToKeep,
        origins, accepted, refused, entry));
    received = header.getLastSeq();
    if (!refused.isEmpty() || outcome.conflicts() > 0) {
      log.warn("bundle {}..{} from {}: {} accepted, {} duplicates, {} conflicts, {} refused {}",
          header.getFirstSeq(), header.getLastSeq(), from.nodeId(), outcome.accepted(), outcome.duplicates(),
          outcome.conflicts(), refused.size(), rejects);
    }
    return new Outcome(ack.setAccepted(outcome.accepted()).setDuplicates(outcome.duplicates())
        .setConflicts(outcome.conflicts()).build(), false);
  }

  private Outcome refuse(Bundle bundle, BundleHeader header, Refusal refusal, boolean close, long now) {
    long first = header == null ? 0 : header.getFirstSeq();
    long last = header == null ? 0 : header.getLastSeq();
    log.warn("bundle {}..{} from {} refused: {} ({})", first, last, from.nodeId(), refusal.code(), refusal.detail());
    store.ledger(new LedgerEntry(now, from.nodeId(), LedgerEntry.Direction.RECEIVED, first, last,
        bundle.getItemsCount(), bundle.getSerializedSize(), 0, 0, 0, bundle.getItemsCount(), Map.of(),
        Map.of(refusal.code(), bundle.getItemsCount()), 0, 0, Optional.of(refusal.detail())));
    return new Outcome(BundleAck.newBuilder().setLastSeq(last).setBundleErrorCode(refusal.code())
        .setBundleError(refusal.detail()).build(), close);
  }
}
