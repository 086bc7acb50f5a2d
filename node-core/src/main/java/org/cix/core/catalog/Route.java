package org.cix.core.catalog;

import java.util.Locale;

/**
 * Where records of a type flow: to the parent, to every child, to subscribing peers, or toward
 * the node of the jurisdiction its {@code address} field names (up until a node's jurisdiction
 * contains it, then down the child that does).
 */
public enum Route {
  UP,
  DOWN,
  PEERS,
  ORIGIN;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
