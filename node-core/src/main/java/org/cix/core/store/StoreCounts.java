package org.cix.core.store;

/** What a store holds. */
public record StoreCounts(long records, long versions, long seals, long quarantined, long head) {}
