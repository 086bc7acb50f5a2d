package org.cix.core.seal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cix.proto.v1.SealHeader;

/**
 * What checking one seal found: its verified header, or why it was refused. A run of checks
 * (a received bundle, a package, a profile) keeps the verdicts by key in {@link Cache}, so each
 * seal's signature and chain are checked once.
 */
public sealed interface SealVerdict {
  /** The seal verified: its header. */
  record Verified(SealHeader header) implements SealVerdict {}

  /** The seal was refused: a stable code and the reason. */
  record Refused(String code, String reason) implements SealVerdict {}

  static SealVerdict verified(SealHeader header) {
    return new Verified(header);
  }

  static SealVerdict refused(String reason) {
    return new Refused("bad_seal", reason);
  }

  /** The verified header, if the seal verified. */
  default Optional<SealHeader> verified() {
    return this instanceof Verified v ? Optional.of(v.header()) : Optional.empty();
  }

  /** The verdicts of one run of checks, by key (a seal id, or a seal id and the time it is checked as of). */
  final class Cache {
    private final Map<String, SealVerdict> verdicts = new HashMap<>();

    public Optional<SealVerdict> get(String key) {
      return Optional.ofNullable(verdicts.get(key));
    }

    /** The verdict kept for {@code key}, or {@code check}'s, kept. */
    public SealVerdict computeIfAbsent(String key, Function<String, SealVerdict> check) {
      return verdicts.computeIfAbsent(key, check);
    }

    public void put(String key, SealVerdict verdict) {
      verdicts.put(key, verdict);
    }

    /** Keeps {@code verdict} unless one is kept for {@code key} already. */
    public void putIfAbsent(String key, SealVerdict verdict) {
      verdicts.putIfAbsent(key, verdict);
    }
  }
}
