package org.cix.core.correction;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Deadlines counted in working days: Monday to Friday. Public holidays and the weekend days
 * worked in their place (调休) are not known to the node; a deadline that falls in a holiday
 * period is later in practice than the date shown.
 */
public final class WorkingDays {
  private WorkingDays() {}

  /** The {@code days}-th working day after {@code start}. */
  public static LocalDate after(LocalDate start, int days) {
    LocalDate day = start;
    int left = days;
    while (left > 0) {
      day = day.plusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return day;
  }
}
