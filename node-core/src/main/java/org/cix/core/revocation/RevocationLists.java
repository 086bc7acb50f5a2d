package org.cix.core.revocation;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LoggedVersion;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation lists as records ({@value #TYPE}): a node that keeps a CA publishes its list, the
 * record travels up and down the tree like a list entry, and every node that holds it applies it
 * to its {@link Revocations} once the list's own signature verifies with the CA's certificate
 * (carried beside it). A node reads the lists it holds at start and follows its change log for
 * new ones.
 */
public final class RevocationLists implements ChangeLogFollower {
  public static final String TYPE = "certificate-revocation";
  private static final Logger log = LoggerFactory.getLogger(RevocationLists.class);
  private static final int BATCH = 100;

  /** What a published list holds. */
  public record Published(String issuer, long number, int revoked, boolean changed) {}

  private final Optional<RecordType> type;
  private final RecordStore records;
  private final ExchangeStore changeLog;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final NodeKeyMaterial keys;
  private final AuditLog audit;
  private final Clock clock;
  private long cursor;

  public RevocationLists(Catalog catalog, RecordStore records, ExchangeStore changeLog, RecordMaker maker,
      Sealer sealer, NodeKeyMaterial keys, AuditLog audit, Clock clock) {
    this.type = catalog.type(TYPE);
    this.records = records;
    this.changeLog = changeLog;
    this.maker = maker;
    this.sealer = sealer;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Verifies {@code crl} (issued by {@code issuerChain.get(0)}, whose chain to the root follows
   * it), seals it as this node's record of that CA's list and applies it here.
   *
   * @throws CixException INVALID_INPUT when the list does not verify, PRECONDITION_FAILED when
   *     the catalog lacks the type
   */
  public synchronized Published publish(X509CRL crl, List<X509Certificate> issuerChain) {
    RecordType recordType = type.orElseThrow(() -> new CixException(CixException.Kind.PRECONDITION_FAILED,
        "this node's catalog has no " + TYPE + " type"));
    Revocations.Held held;
    try {
      held = Revocations.verify(crl, issuerChain, keys.validator(clock));
    } catch (CertificateException e) {
      throw CixException.invalidInput("revocation list refused: " + e.getMessage());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("issuer_fingerprint", Fingerprints.sha256(held.issuer()));
    fields.put("issuer", held.issuer().getSubjectX500Principal().getName());
    fields.put("crl_number", held.number().toString());
    fields.put("issued_date", ChinaDate.today(clock).toString());
    fields.put("revoked_count", Integer.toString(held.size()));
    try {
      fields.put("crl", Base64.getEncoder().encodeToString(crl.getEncoded()));
      fields.put("issuer_chain", DerChains.encode(issuerChain).stream()
          .map(Base64.getEncoder()::encodeToString).collect(Collectors.joining(",")));
    } catch (GeneralSecurityException e) {
      throw CixException.invalidInput("cannot encode the revocation list: " + e.getMessage());
    }
    RecordVersion version = maker.own(recordType, fields, records, clock.millis());
    records.append(sealer.seal(List.of(version)), clock.millis());
    audit.append(new AuditEvent(clock.instant(), "admin", "revocation.publish", "",
        "list " + held.number() + " of " + fields.get("issuer") + ": " + held.size() + " revoked"));
    boolean before = follow() > 0;
    return new Published(fields.get("issuer"), held.number().longValueExact(), held.size(), before);
  }

  @Override
  public String name() {
    return "certificate revocation lists";
  }

  /**
   * Applies the lists that reached this node's change log since the last call (every list held,
   * at the first call); a list that does not verify is logged and skipped.
   *
   * @return how many lists changed what this node refuses
   */
  @Override
  public synchronized long follow() {
    if (type.isEmpty()) {
      return 0;
    }
    int[] changed = new int[1];
    cursor = changeLog.readTypes(cursor, changeLog.head(), List.of(TYPE), BATCH, (batch, readUpTo) -> {
      for (LoggedVersion logged : batch) {
        if (apply(logged)) {
          changed[0]++;
        }
      }
    });
    return changed[0];
  }

  private boolean apply(LoggedVersion logged) {
    Map<String, String> fields = RecordVersion.fromHashedBytes(logged.body(), logged.sha256()).fields();
    try {
      X509CRL crl = Revocations.parse(Base64.getDecoder().decode(fields.getOrDefault("crl", "")));
      List<X509Certificate> chain = DerChains.decode(Arrays.stream(fields.getOrDefault("issuer_chain", "").split(","))
          .map(Base64.getDecoder()::decode).toList());
      boolean changed = keys.revocations().accept(crl, chain, keys.validator(clock));
      if (changed) {
        log.info("revocation list {} of {} applied (from {}): {} certificates revoked", fields.get("crl_number"),
            fields.get("issuer"), logged.originNode(), fields.get("revoked_count"));
      }
      return changed;
    } catch (CertificateException | IllegalArgumentException e) {
      log.warn("revocation list {} of record {} (origin {}) not applied: {}", fields.get("crl_number"),
          logged.recordId(), logged.originNode(), e.getMessage());
      return false;
    }
  }
}
