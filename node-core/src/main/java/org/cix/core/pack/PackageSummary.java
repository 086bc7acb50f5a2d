package org.cix.core.pack;

/** What an export wrote: records, subjects, masked records, seals and certificates, and what was left out. */
public record PackageSummary(long records, long subjects, long masked, long seals, long certificates,
    long withoutEvidence, long bytes) {}
