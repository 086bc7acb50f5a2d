package org.cix.core.catalog;

import java.time.Period;

/**
 * A longer minimum publicity period where a code field holds a value: one year for penalties in
 * food, drugs, special equipment, work safety and fire ({@code publicity.min-when:} in a type's
 * file). When several hold, the longest applies.
 *
 * @param whenField the code or codes field looked at
 * @param holds the value that lengthens the minimum (one of several, for codes)
 * @param min the minimum publicity period then
 */
public record LongerMinimum(String whenField, String holds, Period min) {}
