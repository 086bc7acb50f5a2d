package org.cix.core.discipline;

/** The legal basis of a set of measures: a memorandum of understanding or a regulation. */
public record Memorandum(String id, String title, String titleEn, String document) {}
