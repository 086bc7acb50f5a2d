package org.cix.core.store;

import java.io.OutputStream;
import java.util.Map;

/**
 * A copy of everything a node holds, taken while it runs (a port; storage writes it from one
 * consistent snapshot of its database, in the format of {@code cix node export}, which {@code cix
 * node restore} reads back and checks).
 */
public interface StoreBackup {
  /** What a copy holds: rows per table and the digest of the record versions in change-log order. */
  record Copy(Map<String, Long> rows, byte[] versionsSha256) {
    public Copy {
      rows = Map.copyOf(rows);
      versionsSha256 = versionsSha256.clone();
    }

    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Writes the copy to {@code out}; writers go on while it is written and are not in it. */
  Copy writeTo(OutputStream out);
}
