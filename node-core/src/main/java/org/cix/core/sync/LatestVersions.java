package org.cix.core.sync;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.StoredVersion;

/**
 * The latest version of every record of some types this node holds, read from its change log
 * (every version of those types once, in batches): for work over all records of a few types,
 * such as industry packages, restriction counts and node reports.
 */
public final class LatestVersions {
  private static final int BATCH = 5_000;

  private LatestVersions() {}

  /** Record id to its latest version held, in the order records first appear in the log. */
  public static Map<String, StoredVersion> of(ExchangeStore log, Collection<String> types) {
    Map<String, StoredVersion> latest = new LinkedHashMap<>();
    log.readTypes(0, log.head(), types, BATCH, (batch, readUpTo) -> {
      for (LoggedVersion logged : batch) {
        StoredVersion held = latest.get(logged.recordId());
        if (held == null || held.version().version() < logged.version()) {
          RecordVersion version = RecordVersion.fromHashedBytes(logged.body(), logged.sha256());
          latest.put(logged.recordId(), new StoredVersion(logged.seq(), version, logged.proof(),
              logged.storedAtMillis(), new StoredVersion.Provenance(logged.viaNode(), logged.hops(),
                  logged.hopTimes())));
        }
      }
    });
    return latest;
  }
}
