package org.cix.core.sync;

/**
 * What storing a reception did with its versions.
 *
 * @param duplicates versions held already with the same hash (no-ops)
 * @param conflicts versions held already with another hash (sent to the data-quality queue)
 */
public record ReceptionOutcome(int accepted, int duplicates, int conflicts) {}
