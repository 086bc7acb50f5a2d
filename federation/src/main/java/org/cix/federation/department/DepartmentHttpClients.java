package org.cix.federation.department;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK TLS for the department API's HTTP/JSON side and its clients, trusting a node's account CA only. */
public final class DepartmentHttpClients {
  private DepartmentHttpClients() {}

  /** A client that trusts {@code accountCa} and presents {@code credential} when given. */
  public static HttpClient of(X509Certificate accountCa, Optional<DepartmentClient.ClientCertificate> credential) {
    return HttpClient.newBuilder().sslContext(tls(accountCa, credential.map(c -> c.key()),
        credential.map(c -> new Certificate[] {c.certificate()}).orElse(new Certificate[0]))).build();
  }

  /**
   * A JDK TLS context, client or server side, that trusts {@code accountCa} only and presents
   * {@code key} with {@code chain} when given (the one way the department API's HTTP side and its
   * clients build theirs).
   */
  static SSLContext tls(X509Certificate accountCa, Optional<PrivateKey> key, Certificate[] chain) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("accounts", accountCa);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      KeyStore own = KeyStore.getInstance("PKCS12");
      own.load(null, null);
      if (key.isPresent()) {
        own.setKeyEntry("account", key.get(), new char[0], chain);
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(own, new char[0]);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
      return tls;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
