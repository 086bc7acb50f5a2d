package org.cix.federation.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.cix.crypto.pki.NodeKeyMaterial;

/**
 * Presents the node's TLS certificate in force at each handshake, so a renewal reaches every new
 * connection without restarting a server or a channel. The alias names the certificate (its
 * serial number), so a handshake that chose an alias just before a renewal still gets the key and
 * chain of one pair.
 */
final class RenewableKeyManager extends X509ExtendedKeyManager {
  private final NodeKeyMaterial keys;
  private volatile NodeKeyMaterial.Pairs latest;
  private volatile NodeKeyMaterial.Pairs previous;

  RenewableKeyManager(NodeKeyMaterial keys) {
    this.keys = keys;
    this.latest = keys.current();
  }

  private String choose() {
    NodeKeyMaterial.Pairs now = keys.current();
    if (now != latest) {
      previous = latest;
      latest = now;
    }
    return alias(now);
  }

  private NodeKeyMaterial.Pairs pairs(String alias) {
    NodeKeyMaterial.Pairs before = previous;
    if (before != null && alias(before).equals(alias) && !alias(keys.current()).equals(alias)) {
      return before;
    }
    return keys.current();
  }

  private static String alias(NodeKeyMaterial.Pairs pairs) {
    return pairs.tlsChain().get(0).getSerialNumber().toString(16);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {choose()};
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return choose();
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return choose();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return new String[] {choose()};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose();
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return pairs(alias).tlsChain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return pairs(alias).tlsKey();
  }
}
