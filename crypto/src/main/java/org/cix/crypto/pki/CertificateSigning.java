package org.cix.crypto.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.cix.crypto.CryptoProviders;
import org.cix.crypto.keys.KeyAlgorithm;

/** How this package's CAs sign what they issue: certificates with their profile, and revocation lists. */
final class CertificateSigning {
  private CertificateSigning() {}

  /**
   * The next revocation list of the CA of {@code certificate} and {@code key}: the entries of
   * {@code previous}, {@code revoked} unless listed already, numbered one above {@code previous},
   * signed at {@code now} and due again in a year.
   */
  static X509CRL revocationList(X509Certificate certificate, PrivateKey key, Instant now,
      Optional<X509CRL> previous, Optional<X509Certificate> revoked, int reason, Optional<Instant> invalidSince) {
    try {
      BigInteger number = BigInteger.ONE;
      X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now));
      builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(365))));
      if (previous.isPresent()) {
        number = Revocations.number(previous.get()).add(BigInteger.ONE);
        builder.addCRL(new JcaX509CRLHolder(previous.get()));
      }
      if (revoked.isPresent() && (previous.isEmpty()
          || previous.get().getRevokedCertificate(revoked.get().getSerialNumber()) == null)) {
        BigInteger serial = revoked.get().getSerialNumber();
        if (invalidSince.isPresent()) {
          builder.addCRLEntry(serial, Date.from(now), reason, Date.from(invalidSince.get()));
        } else {
          builder.addCRLEntry(serial, Date.from(now), reason);
        }
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate.getPublicKey()));
      ContentSigner signer = new JcaContentSignerBuilder(KeyAlgorithm.of(key).signatureAlgorithm())
          .setProvider(CryptoProviders.bouncyCastle())
          .build(key);
      return new JcaX509CRLConverter().setProvider(CryptoProviders.bouncyCastle()).getCRL(builder.build(signer));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign the revocation list", e);
    }
  }

  /** The extensions of {@code profile}, and the node and jurisdiction names. */
  static void addProfile(
      X509v3CertificateBuilder builder, CertificateProfile profile, Optional<String> nodeId, String jurisdiction)
      throws CertIOException {
    List<GeneralName> names = new ArrayList<>();
    nodeId.ifPresent(id -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, CertIdentity.nodeUri(id))));
    if (profile == CertificateProfile.FRONT_END) {
      names.add(new GeneralName(GeneralName.uniformResourceIdentifier, CertIdentity.FRONT_END_URN));
    }
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, CertIdentity.jurisdictionUri(jurisdiction)));
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
    switch (profile) {
      case CA -> {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
      case TLS, FRONT_END -> {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      }
      case SEAL -> {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      }
    }
  }

  static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(KeyAlgorithm.of(key).signatureAlgorithm())
          .setProvider(CryptoProviders.bouncyCastle())
          .build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }
}
