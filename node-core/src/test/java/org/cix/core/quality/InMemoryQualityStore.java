package org.cix.core.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality queue in a list, for tests of the domain: issues are listed, resolved and added as
 * a store adds them with what it sets aside; the per-department figures are not kept.
 */
public final class InMemoryQualityStore implements QualityStore {
  private final List<QualityIssue> issues = new ArrayList<>();
  private long cursor;

  /** Adds issues as the store's transaction that set their items aside does; ids from 1. */
  public synchronized void add(List<QualityIssue> found) {
    for (QualityIssue i : found) {
      issues.add(new QualityIssue(issues.size() + 1, i.atMillis(), i.kind(), i.department(), i.departmentName(),
          i.reasonCode(), i.source(), i.recordId(), i.subjectId(), i.detail(), Optional.empty()));
    }
  }

  @Override
  public synchronized List<QualityIssue> list(boolean openOnly, Optional<String> department, int limit) {
    return issues.stream().filter(i -> !openOnly || i.open())
        .filter(i -> department.map(i.department()::equals).orElse(true))
        .sorted(Comparator.comparingLong(QualityIssue::id).reversed()).limit(limit).toList();
  }

  @Override
  public synchronized Optional<QualityIssue> get(long id) {
    return id < 1 || id > issues.size() ? Optional.empty() : Optional.of(issues.get((int) id - 1));
  }

  @Override
  public synchronized boolean hasOpen(IssueKind kind, String subjectId) {
    return issues.stream().anyMatch(i -> i.open() && i.kind() == kind && i.subjectId().equals(subjectId));
  }

  @Override
  public synchronized boolean resolve(long id, QualityIssue.Resolution resolution) {
    Optional<QualityIssue> held = get(id).filter(QualityIssue::open);
    held.ifPresent(i -> issues.set((int) id - 1, new QualityIssue(i.id(), i.atMillis(), i.kind(), i.department(),
        i.departmentName(), i.reasonCode(), i.source(), i.recordId(), i.subjectId(), i.detail(),
        Optional.of(resolution))));
    return held.isPresent();
  }

  @Override
  public synchronized void read(long readUpTo, Map<String, Received> byDepartment, Map<DepartmentMonth, Long> byMonth,
      List<QualityIssue> found) {
    add(found);
    cursor = readUpTo;
  }

  @Override
  public List<Monthly> monthly(String fromMonth) {
    throw new UnsupportedOperationException("the figures per month are not kept in memory");
  }

  @Override
  public List<DepartmentQuality> departments() {
    throw new UnsupportedOperationException("the figures per department are not kept in memory");
  }

  @Override
  public synchronized long cursor() {
    return cursor;
  }
}
