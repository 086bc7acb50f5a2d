package org.cix.federation.certificates;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.error.CixException;
import org.cix.core.sync.ExchangeStore;
import org.cix.crypto.pki.CertificateRenewal;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.link.LinkProtos;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.CertificatesGrpc;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.RenewAnswer;
import org.cix.proto.v1.RenewRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of renewal: new keys made here, certificates asked of the parent over the link,
 * the new sealing certificate kept with the other origin certificates (so what it seals can be
 * sent with its chain), then the new pairs put in force: written to the node directory, presented
 * at the next handshakes (links shake hands again at once), used for every seal from then on.
 * What the old key sealed keeps its proof (its certificate is superseded, not compromised).
 */
public final class CertificateRenewer {
  private static final Logger log = LoggerFactory.getLogger(CertificateRenewer.class);
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final NodeKeyMaterial keys;
  private final String parent;
  private final CertificatesGrpc.CertificatesBlockingStub stub;
  private final ExchangeStore exchange;
  private final AuditLog audit;
  private final Duration renewBefore;
  private final Clock clock;

  /** @param renewBefore how long before the first of the node's certificates expires it renews by itself (zero: never) */
  public CertificateRenewer(NodeKeyMaterial keys, String parent, Channel parentChannel, ExchangeStore exchange,
      AuditLog audit, Duration renewBefore, Clock clock) {
    this.keys = keys;
    this.parent = parent;
    this.stub = CertificatesGrpc.newBlockingStub(parentChannel);
    this.exchange = exchange;
    this.audit = audit;
    this.renewBefore = renewBefore;
    this.clock = clock;
  }

  /** When the first of the node's TLS and sealing certificates expires. */
  public Instant expiresAt() {
    NodeKeyMaterial.Pairs now = keys.current();
    Instant tls = now.tlsChain().get(0).getNotAfter().toInstant();
    Instant seal = now.sealChain().get(0).getNotAfter().toInstant();
    return tls.isBefore(seal) ? tls : seal;
  }

  /** True when renewal is on and the first certificate expires within its window. */
  public boolean due() {
    return !renewBefore.isZero() && !expiresAt().isAfter(clock.instant().plus(renewBefore));
  }

  /** Renews when {@link #due()}; a failure is logged and tried again at the next call. */
  public void renewIfDue() {
    if (!due()) {
      return;
    }
    try {
      renew(false);
    } catch (RuntimeException e) {
      log.warn("cannot renew this node's certificates with {} now (they expire {}; next attempt later): {}",
          parent, expiresAt(), e.getMessage());
    }
  }

  /**
   * Renews now.
   *
   * @param newKeys new keys are the point (a compromised key): taken even when the parent's CA
   *     cannot extend the certificates; otherwise such a renewal is refused
   * @throws CixException when the parent refuses or cannot be reached, or its answer does not hold
   */
  public synchronized CertificatesRenewed renew(boolean newKeys) {
    CertificateRenewal.Asking asking = CertificateRenewal.ask(keys);
    RenewAnswer answer;
    try {
      answer = stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).renew(RenewRequest.newBuilder()
          .addAllRequests(LinkProtos.byteStrings(asking.requests())).setNewKeys(newKeys).build());
    } catch (StatusRuntimeException e) {
      throw StatusMapping.toDomain(e, "parent " + parent);
    }
    CertificateRenewal.Issued issued;
    try {
      issued = new CertificateRenewal.Issued(decode(answer.getTlsChainList()), decode(answer.getSealChainList()));
    } catch (CertificateException | IllegalArgumentException e) {
      throw CixException.invalidInput("parent " + parent + " answered the renewal with unreadable certificates: "
          + e.getMessage());
    }
    NodeKeyMaterial.Pairs old = keys.current();
    Instant until = Instant.ofEpochMilli(Math.min(issued.tls().get(0).getNotAfter().getTime(),
        issued.seal().get(0).getNotAfter().getTime()));
    if (!newKeys && !until.isAfter(expiresAt())) {
      throw CixException.preconditionFailed("parent " + parent + " can issue only until " + until + ", no later than "
          + "the certificates this node has: its own CA ends then; " + parent + " renews its CA first (cix node "
          + "renewal-request, cix ca sign at its parent)");
    }
    exchange.putOriginChain(issued.seal());
    try {
      CertificateRenewal.install(keys, asking, issued, clock);
    } catch (RuntimeException e) {
      throw CixException.preconditionFailed("the certificates parent " + parent + " issued cannot be used: "
          + e.getMessage());
    }
    X509Certificate tls = issued.tls().get(0);
    X509Certificate seal = issued.seal().get(0);
    CertificatesRenewed.Builder renewed = CertificatesRenewed.newBuilder()
        .setTlsFingerprint(Fingerprints.sha256(tls)).setSealFingerprint(Fingerprints.sha256(seal))
        .setNotAfterMillis(until.toEpochMilli())
        .setIssuedBy(parent);
    keys.directory().ifPresent(dir -> renewed
        .addSuperseded(NodeKeyMaterial.supersededFile(dir, NodeKeyMaterial.TLS_CERT, old.tlsChain().get(0)).toString())
        .addSuperseded(NodeKeyMaterial.supersededFile(dir, NodeKeyMaterial.SEAL_CERT, old.sealChain().get(0))
            .toString()));
    String detail = "tls " + renewed.getTlsFingerprint() + ", seal " + renewed.getSealFingerprint() + ", until "
        + Instant.ofEpochMilli(renewed.getNotAfterMillis()) + ", issued by " + parent;
    audit.append(new AuditEvent(clock.instant(), keys.nodeId(), "certificate.renewed", "", detail));
    log.info("renewed this node's certificates: {}; the replaced ones: {}", detail,
        renewed.getSupersededList().isEmpty() ? "(held in memory only)" : String.join(", ",
            renewed.getSupersededList()));
    return renewed.build();
  }

  private static List<X509Certificate> decode(List<ByteString> der) throws CertificateException {
    if (der.isEmpty()) {
      throw new IllegalArgumentException("no certificate");
    }
    return DerChains.decode(LinkProtos.bytes(der));
  }
}
