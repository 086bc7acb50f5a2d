package org.cix.core.store;

import org.cix.core.record.RecordVersion;
import org.cix.proto.v1.SealProof;

/**
 * A record version as this node holds it: its place in the change log ({@code seq}), the exact
 * bytes, and the proof that ties it to its origin's seal.
 */
public record StoredVersion(long seq, RecordVersion version, SealProof proof, long receivedAtMillis) {}
