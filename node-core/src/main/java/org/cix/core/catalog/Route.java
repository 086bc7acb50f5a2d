package org.cix.core.catalog;

import java.util.Locale;

/** Where records of a type flow: to the parent, to every child, to subscribing peers. */
public enum Route {
  UP,
  DOWN,
  PEERS;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
