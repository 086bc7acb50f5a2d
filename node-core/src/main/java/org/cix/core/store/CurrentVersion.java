package org.cix.core.store;

/**
 * The newest stored version of a record, as ingest and sync need it to decide on a new one, and
 * the node that made the record (only it makes later versions).
 */
public record CurrentVersion(String recordId, int version, byte[] sha256, byte[] contentSha256, String originNode) {}
