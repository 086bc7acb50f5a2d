package org.cix.core.catalog;

/**
 * A field a row must fill when another holds a value: the amount when 罚款 is among the penalty
 * categories, the licence when it was suspended or revoked ({@code requires:} in a type's file).
 *
 * @param whenField the field looked at (of type code or codes)
 * @param holds the value that makes {@code thenField} required (one of several, for codes)
 * @param thenField the field then required
 */
public record Requirement(String whenField, String holds, String thenField) {}
