package org.cix.core.discipline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.catalog.FieldType;
import org.cix.core.record.RecordFields;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/**
 * Records of one type that trigger a measure: all of them, or only those where each named field
 * holds one of the given codes (a {@code codes} field matches when any of its codes does) and
 * each named decimal field holds at least the given amount. With a {@code within} window (a
 * statutory period, e.g. three years before a procurement bid), a record counts for that long
 * from its start (the decision date) whether or not it is still public; only its revocation
 * ends it sooner.
 */
public record Trigger(String type, Map<String, Set<String>> where, Map<String, BigDecimal> atLeast,
    Optional<Period> within) {
  public Trigger {
    where = Map.copyOf(where);
    atLeast = Map.copyOf(atLeast);
  }

  public Trigger(String type, Map<String, Set<String>> where) {
    this(type, where, Map.of(), Optional.empty());
  }

  public boolean matches(RecordBody body) {
    if (!body.getType().equals(type)) {
      return false;
    }
    for (Map.Entry<String, Set<String>> condition : where.entrySet()) {
      if (!holds(body.getFieldsList(), condition.getKey(), condition.getValue())) {
        return false;
      }
    }
    for (Map.Entry<String, BigDecimal> minimum : atLeast.entrySet()) {
      Optional<BigDecimal> amount = RecordFields.field(body.getFieldsList(), minimum.getKey())
          .filter(v -> !v.isBlank()).map(BigDecimal::new);
      if (amount.isEmpty() || amount.get().compareTo(minimum.getValue()) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Why a matching record does not count on {@code day}, given why it is not public (if it is not). */
  Optional<String> lapsed(RecordBody body, LocalDate day, Optional<String> whyNotPublic) {
    if (within.isEmpty() || body.getPublicityFrom().isEmpty()) {
      return whyNotPublic;
    }
    if (body.getStatus() == RecordStatus.RECORD_STATUS_REVOKED) {
      return Optional.of("revoked");
    }
    LocalDate start = LocalDate.parse(body.getPublicityFrom());
    LocalDate end = start.plus(within.get());
    if (start.isAfter(day)) {
      return Optional.of("counts only from " + start);
    }
    return day.isBefore(end) ? Optional.empty()
        : Optional.of("the measure counts it " + within.get().getYears() + " year(s) from " + start + ", until "
            + end.minusDays(1));
  }

  private static boolean holds(List<Field> fields, String key, Set<String> codes) {
    return RecordFields.field(fields, key)
        .map(stored -> FieldType.codesOf(stored).stream().anyMatch(codes::contains)).orElse(false);
  }
}
