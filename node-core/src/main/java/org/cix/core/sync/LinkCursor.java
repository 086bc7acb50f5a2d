package org.cix.core.sync;

/**
 * Where the exchange with one neighbour stands.
 *
 * @param sentAcked the last local change-log sequence the neighbour acknowledged
 * @param received the last sequence of the neighbour's change log stored here
 */
public record LinkCursor(String peerNode, long sentAcked, long received) {}
