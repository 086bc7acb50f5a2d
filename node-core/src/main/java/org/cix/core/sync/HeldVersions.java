package org.cix.core.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cix.core.record.RecordVersion;

/**
 * What a node holds of the records a received bundle carries, and the rule every store sorts the
 * bundle's versions by: a version not held is new (stored), unless its record was made by another
 * node (only a record's origin makes its versions: a conflict); a version held with the same hash
 * is a duplicate (nothing to do); with another hash, a conflict. A store fills in what it holds,
 * then {@link #sort}s. Not thread-safe.
 */
public final class HeldVersions {
  private final Map<String, Map<Integer, byte[]>> hashes = new HashMap<>();
  private final Map<String, Integer> current = new HashMap<>();
  private final Map<String, String> origins = new HashMap<>();

  /** The bundle's versions sorted: in the order they came, with the hash held for each conflict. */
  public record Sorted(List<ReceivedVersion> fresh, int duplicates, List<ReceivedVersion> conflicts,
      List<byte[]> heldHashes) {}

  /** A record held: its current version, that version's hash, and the node that made the record. */
  public void current(String recordId, int version, byte[] sha256, String originNode) {
    current.put(recordId, version);
    origins.put(recordId, originNode);
    held(recordId, version, sha256);
  }

  /** Another version held of a record. */
  public void held(String recordId, int version, byte[] sha256) {
    hashes.computeIfAbsent(recordId, k -> new HashMap<>()).put(version, sha256);
  }

  /**
   * Whether the versions held of {@code version}'s record must all be known to sort it: when a
   * version at or above it is held (a late version, a duplicate or a conflict).
   */
  public boolean needsOlder(RecordVersion version) {
    return current.getOrDefault(version.recordId(), 0) > version.version();
  }

  /** Sorts {@code incoming}; a version that repeats an earlier one of the same bundle is a duplicate. */
  public Sorted sort(List<ReceivedVersion> incoming) {
    List<ReceivedVersion> fresh = new ArrayList<>();
    List<ReceivedVersion> conflicts = new ArrayList<>();
    List<byte[]> heldHashes = new ArrayList<>();
    int duplicates = 0;
    for (ReceivedVersion received : incoming) {
      RecordVersion version = received.version();
      Map<Integer, byte[]> versions = hashes.computeIfAbsent(version.recordId(), k -> new HashMap<>());
      byte[] have = versions.get(version.version());
      String origin = origins.get(version.recordId());
      if (have == null && origin != null && !origin.equals(version.body().getOriginNode())) {
        conflicts.add(received);
        heldHashes.add(versions.get(current.get(version.recordId())));
      } else if (have == null) {
        versions.put(version.version(), version.sha256());
        fresh.add(received);
      } else if (Arrays.equals(have, version.sha256())) {
        duplicates++;
      } else {
        conflicts.add(received);
        heldHashes.add(have);
      }
    }
    return new Sorted(fresh, duplicates, conflicts, heldHashes);
  }
}
