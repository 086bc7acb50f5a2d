package org.cix.core.quality;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality queue on the node's database (a port). Refused rows and records, and conflicts,
 * enter it together with their evidence (quarantine, conflict), in the store's own transaction;
 * the rest is written here.
 */
public interface QualityStore {
  /** Issues, the latest first: open ones only, of one department only (empty: all). */
  List<QualityIssue> list(boolean openOnly, Optional<String> department, int limit);

  Optional<QualityIssue> get(long id);

  /** Whether an open issue of {@code kind} about {@code subjectId} exists. */
  boolean hasOpen(IssueKind kind, String subjectId);

  /** Marks issue {@code id} resolved; false when it was resolved already. */
  boolean resolve(long id, QualityIssue.Resolution resolution);

  /**
   * What reading the change log up to {@code cursor} found, kept in one transaction: versions
   * per source department (USCC to name and count), per department and month the versions were
   * made, and new issues (ids and resolutions ignored).
   */
  void read(long cursor, Map<String, Received> byDepartment, Map<DepartmentMonth, Long> byMonth,
      List<QualityIssue> found);

  /** Versions of one department, and its name as the records give it. */
  record Received(String name, long versions) {}

  /** A source department (USCC) and a month (yyyy-MM, Beijing time) versions were made in. */
  record DepartmentMonth(String department, String month) {}

  /** Versions a department's data made in a month, with the department's name. */
  record Monthly(String department, String name, String month, long versions) {}

  /** The versions per department and month from {@code fromMonth} (yyyy-MM) on, by month then department. */
  List<Monthly> monthly(String fromMonth);

  /** The figures of every department with versions or issues. */
  List<DepartmentQuality> departments();

  /** The change-log sequence read up to. */
  long cursor();
}
