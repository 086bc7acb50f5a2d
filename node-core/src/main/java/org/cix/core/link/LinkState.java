package org.cix.core.link;

/** The state of one link. */
public enum LinkState {
  /** Dialling or handshaking. */
  CONNECTING,
  /** Handshake done, stream open. */
  UP,
  /** Closed; an outbound link waits for its next attempt. */
  DOWN;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
