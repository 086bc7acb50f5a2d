package org.cix.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle provider, registered once; sign and verify with it (6-12x the JDK's, see LIMITS.md). */
public final class CryptoProviders {
  private static final Provider BC = register();

  private CryptoProviders() {}

  private static synchronized Provider register() {
    Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (existing != null) {
      return existing;
    }
    Provider bc = new BouncyCastleProvider();
    Security.addProvider(bc);
    return bc;
  }

  public static Provider bouncyCastle() {
    return BC;
  }
}
