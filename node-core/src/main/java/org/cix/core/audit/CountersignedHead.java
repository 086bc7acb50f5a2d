package org.cix.core.audit;

/**
 * A head of {@code node}'s audit log (entry {@code seq} with {@code hash}) countersigned by
 * {@code witness} (the node's parent) at {@code witnessedAtMillis}; {@code proof} is the
 * serialised {@code AuditWitness}: the node's signed head and the witness's signature over it.
 */
public record CountersignedHead(String node, long seq, byte[] hash, String witness, long witnessedAtMillis,
    byte[] proof) {}
