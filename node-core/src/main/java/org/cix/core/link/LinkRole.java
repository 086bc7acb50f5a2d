package org.cix.core.link;

/** What a neighbour is to this node. */
public enum LinkRole {
  PARENT,
  CHILD,
  PEER;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
