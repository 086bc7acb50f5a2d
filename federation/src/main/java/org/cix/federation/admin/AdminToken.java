package org.cix.federation.admin;

import io.grpc.Metadata;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The admin credential of a node: a random bearer token kept owner-only in the node directory. */
public final class AdminToken {
  public static final String FILE = "admin.token";
  static final Metadata.Key<String> HEADER = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final String SCHEME = "Bearer ";

  private AdminToken() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
