package org.cix.core.audit;

/** An event as the log holds it: its place, the hash of the entry before it, and its own hash. */
public record AuditEntry(long seq, AuditEvent event, byte[] previous, byte[] hash) {}
