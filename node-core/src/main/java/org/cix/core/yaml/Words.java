package org.cix.core.yaml;

import java.util.Optional;
import java.util.function.Function;

/** The words configuration files name a kind of thing by ({@code punishment}, {@code subject-id}). */
public final class Words {
  private Words() {}

  /** The one of {@code values} whose {@code word} is {@code text}, if any. */
  public static <E> Optional<E> of(E[] values, Function<E, String> word, String text) {
    for (E value : values) {
      if (word.apply(value).equals(text)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
