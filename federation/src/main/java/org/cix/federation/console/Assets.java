package org.cix.federation.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's style sheet, script and font, from the jar (nothing is fetched from elsewhere: the
 * pages work on a network with no way out). The font is Noto Sans SC in subsets by Unicode range,
 * so a page loads only the subsets its text uses.
 */
final class Assets {
  private static final String ROOT = "/org/cix/federation/console/static/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(css|js|woff2|svg)");
  private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "woff2", "font/woff2", "svg", "image/svg+xml");

  private Assets() {}

  /** The asset {@code name} (under static/), or empty for any other name. */
  static Optional<Answer.Bytes> of(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    try (InputStream in = Assets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      return Optional.of(new Answer.Bytes(200, type, in.readAllBytes(),
          Map.of("Cache-Control", "public, max-age=86400")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
