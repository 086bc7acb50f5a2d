package org.cix.federation.console;

import com.sun.net.httpserver.Headers;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cix.proto.v1.AccountInfo;

/**
 * Signed-in staff, by a random session id in a cookie the page's scripts cannot read (HttpOnly,
 * Secure, SameSite=Strict). A session ends with its bearer token (the accounts' session length) or
 * at sign-out; the token itself never reaches the browser. Each session has its own anti-forgery
 * token, which every form and upload must carry.
 */
final class ConsoleSessions {
  static final String COOKIE = "cix_console";

  record Session(String id, String token, String csrf, Instant expires, AccountInfo account) {
    boolean has(String role) {
      return account.getRolesList().contains(role);
    }

    /** Whether {@code presented} is this session's anti-forgery token (compared in constant time). */
    boolean forgeryTokenIs(String presented) {
      return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
          presented.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private final Map<String, Session> open = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  Session open(String token, Instant expires, AccountInfo account) {
    Instant now = clock.instant();
    open.values().removeIf(s -> !s.expires().isAfter(now));
    Session session = new Session(randomHex(), token, randomHex(), expires, account);
    open.put(session.id(), session);
    return session;
  }

  /** The live session the request's cookie names, if any. */
  Optional<Session> of(Headers request) {
    Optional<Session> session = cookie(request).map(open::get);
    if (session.isPresent() && !session.get().expires().isAfter(clock.instant())) {
      open.remove(session.get().id());
      return Optional.empty();
    }
    return session;
  }

  /** {@code session} with its account as the node now knows it. */
  Session refresh(Session session, AccountInfo account) {
    Session fresh = new Session(session.id(), session.token(), session.csrf(), session.expires(), account);
    open.replace(session.id(), fresh);
    return fresh;
  }

  void close(Session session) {
    open.remove(session.id());
  }

  String setCookie(Session session) {
    long seconds = Math.max(0, Duration.between(clock.instant(), session.expires()).toSeconds());
    return COOKIE + "=" + session.id() + "; Path=" + Console.PATH + "; Max-Age=" + seconds
        + "; Secure; HttpOnly; SameSite=Strict";
  }

  static String clearCookie() {
    return COOKIE + "=; Path=" + Console.PATH + "; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
  }

  private static Optional<String> cookie(Headers request) {
    for (String header : request.getOrDefault("Cookie", java.util.List.of())) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.startsWith(COOKIE + "=")) {
          return Optional.of(trimmed.substring(COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  private String randomHex() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
