package org.cix.core.record;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates as the records mean them: publicity windows, due dates and days are dates in Beijing. */
public final class ChinaDate {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private ChinaDate() {}

  /** The date in Beijing now. */
  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(ZONE));
  }
}
