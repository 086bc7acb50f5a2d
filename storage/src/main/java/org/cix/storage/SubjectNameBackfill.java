package org.cix.storage;

import org.cix.core.record.SubjectNames;

/** Migration 18: fills {@code record_current.subject_name} (added by V17). */
final class SubjectNameBackfill extends CurrentColumnBackfill {
  SubjectNameBackfill() {
    super(18, "subject_name", "subject names", SubjectNames::of);
  }
}
