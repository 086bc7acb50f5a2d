package org.cix.core.store;

/** The newest stored version of a record, as ingest and sync need it to decide on a new one. */
public record CurrentVersion(String recordId, int version, byte[] sha256, byte[] contentSha256) {}
