package org.cix.core.discipline;

import java.util.Map;
import java.util.Optional;

/** Where a node keeps the measures it adopted from its parent, so a restart applies them (port). */
public interface MeasuresStore {
  /** The files of the adopted set, manifest first, if the node adopted one. */
  Optional<Map<String, byte[]>> adopted();

  /** Replaces the adopted set with {@code files}, durably. */
  void adopt(Map<String, byte[]> files);
}
