package org.cix.federation.department;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK HTTP clients of the department API's HTTP/JSON side, trusting a node's account CA only. */
public final class DepartmentHttpClients {
  private DepartmentHttpClients() {}

  /** A client that trusts {@code accountCa} and presents {@code credential} when given. */
  public static HttpClient of(X509Certificate accountCa, Optional<DepartmentClient.ClientCertificate> credential) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("accounts", accountCa);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      KeyStore own = KeyStore.getInstance("PKCS12");
      own.load(null, null);
      if (credential.isPresent()) {
        own.setKeyEntry("account", credential.get().key(), new char[0],
            new Certificate[] {credential.get().certificate()});
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(own, new char[0]);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
      return HttpClient.newBuilder().sslContext(tls).build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
