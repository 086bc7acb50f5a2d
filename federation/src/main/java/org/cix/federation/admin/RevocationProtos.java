package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.List;
import org.cix.core.error.CixException;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.Revocations;
import org.cix.proto.v1.RevocationListInfo;
import org.cix.proto.v1.RevocationLists;

/** Revocation lists between the admin API and the node: DER in, readable lists out. */
final class RevocationProtos {
  private RevocationProtos() {}

  static X509CRL crl(ByteString der) {
    try {
      return Revocations.parse(der.toByteArray());
    } catch (CertificateException e) {
      throw CixException.invalidInput(e.getMessage());
    }
  }

  static List<X509Certificate> chain(List<ByteString> ders) {
    try {
      return DerChains.decode(ders.stream().map(ByteString::toByteArray).toList());
    } catch (CertificateException e) {
      throw CixException.invalidInput("not a certificate (DER) in the issuer chain: " + e.getMessage());
    }
  }

  static RevocationLists held(Revocations revocations) {
    RevocationLists.Builder lists = RevocationLists.newBuilder();
    for (Revocations.Held held : revocations.held()) {
      RevocationListInfo.Builder info = RevocationListInfo.newBuilder()
          .setIssuer(held.issuer().getSubjectX500Principal().getName())
          .setNumber(held.number().longValueExact())
          .setThisUpdateMillis(held.crl().getThisUpdate().getTime());
      if (held.crl().getRevokedCertificates() != null) {
        for (X509CRLEntry entry : held.crl().getRevokedCertificates()) {
          info.addRevokedSerials(entry.getSerialNumber().toString(16));
        }
      }
      lists.addLists(info);
    }
    return lists.build();
  }
}
