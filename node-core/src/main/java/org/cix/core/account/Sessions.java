package org.cix.core.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cix.crypto.hash.Hashes;

/**
 * Staff sessions: random bearer tokens held in memory by their SHA-256 (a restart logs everyone
 * out), each ending {@link #LENGTH} after login; and the failed logins of each account, of which
 * {@link #ATTEMPTS} within {@link #LOCKOUT} lock it out until the oldest ages out.
 */
public final class Sessions {
  public static final Duration LENGTH = Duration.ofMinutes(30);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  public static final int ATTEMPTS = 5;
  private static final String PREFIX = "cixs_";

  /** A started session: the token to present and when it ends. */
  public record Session(String token, Instant expires) {}

  private record Held(String account, Instant expires) {}

  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  Session start(String account) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = PREFIX + HexFormat.of().formatHex(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(LENGTH);
    held.values().removeIf(h -> !now.isBefore(h.expires()));
    held.put(key(token), new Held(account, expires));
    failures.remove(account);
    return new Session(token, expires);
  }

  Optional<String> account(String token) {
    Held session = held.get(key(token));
    if (session == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(session.expires())) {
      held.remove(key(token));
      return Optional.empty();
    }
    return Optional.of(session.account());
  }

  void end(String account) {
    held.values().removeIf(h -> h.account().equals(account));
  }

  void failed(String account) {
    Deque<Instant> times = failures.computeIfAbsent(account, a -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(clock.instant());
      while (times.size() > ATTEMPTS) {
        times.removeFirst();
      }
    }
  }

  boolean lockedOut(String account) {
    Deque<Instant> times = failures.get(account);
    if (times == null) {
      return false;
    }
    synchronized (times) {
      Instant since = clock.instant().minus(LOCKOUT);
      times.removeIf(t -> t.isBefore(since));
      return times.size() >= ATTEMPTS;
    }
  }

  private static String key(String token) {
    return Hashes.hex(Hashes.sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }
}
