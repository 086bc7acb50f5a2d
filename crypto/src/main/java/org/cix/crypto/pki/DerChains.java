package org.cix.crypto.pki;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate chains as bytes: each certificate DER-encoded, leaf first; packed into one blob
 * (each DER preceded by its 4-byte length) where a chain is stored as one value.
 */
public final class DerChains {
  private DerChains() {}

  public static List<byte[]> encode(List<X509Certificate> chain) {
    List<byte[]> encoded = new ArrayList<>(chain.size());
    for (X509Certificate certificate : chain) {
      try {
        encoded.add(certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
      }
    }
    return encoded;
  }

  /** Parses DER certificates; refuses anything that is not one. */
  public static List<X509Certificate> decode(List<byte[]> der) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>(der.size());
    for (byte[] bytes : der) {
      chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
    }
    return chain;
  }

  public static byte[] pack(List<X509Certificate> chain) {
    List<byte[]> der = encode(chain);
    ByteBuffer buffer = ByteBuffer.allocate(der.stream().mapToInt(d -> d.length + Integer.BYTES).sum());
    der.forEach(d -> buffer.putInt(d.length).put(d));
    return buffer.array();
  }

  public static List<X509Certificate> unpack(byte[] packed) throws CertificateException {
    ByteBuffer buffer = ByteBuffer.wrap(packed);
    List<byte[]> der = new ArrayList<>();
    while (buffer.hasRemaining()) {
      int length = buffer.getInt();
      if (length <= 0 || length > buffer.remaining()) {
        throw new CertificateException("bad packed certificate chain");
      }
      byte[] d = new byte[length];
      buffer.get(d);
      der.add(d);
    }
    return decode(der);
  }
}
