package org.cix.core.discipline;

import java.util.List;

/** Where a node records every check (port; storage implements it on the node's database). */
public interface CheckLog {
  void append(CheckEntry entry);

  /** The latest {@code limit} checks, newest first. */
  List<CheckEntry> recent(int limit);
}
