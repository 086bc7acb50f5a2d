package org.cix.storage;

import org.cix.core.record.Representatives;

/** Migration 16: fills {@code record_current.represented_by} (added by V15). */
final class RepresentedByBackfill extends CurrentColumnBackfill {
  RepresentedByBackfill() {
    super(16, "represented_by", "legal representatives", Representatives::of);
  }
}
