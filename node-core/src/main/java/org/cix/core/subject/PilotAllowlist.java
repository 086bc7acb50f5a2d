package org.cix.core.subject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cix.core.error.CixException;

/**
 * USCCs from early pilots that fail the standard's checks but are real and in use, kept by the
 * operator in a text file: one code a line, {@code #} starts a comment. Codes on it are accepted
 * with a warning.
 */
public final class PilotAllowlist {
  private static final PilotAllowlist EMPTY = new PilotAllowlist(Set.of());
  private final Set<String> codes;

  private PilotAllowlist(Set<String> codes) {
    this.codes = Set.copyOf(codes);
  }

  public static PilotAllowlist empty() {
    return EMPTY;
  }

  public static PilotAllowlist of(Set<String> codes) {
    return new PilotAllowlist(codes);
  }

  public static PilotAllowlist load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CixException.invalidInput(file + ": pilot allowlist not found");
    } catch (IOException e) {
      throw CixException.invalidInput(file + ": cannot read pilot allowlist: " + e.getMessage());
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String code = SubjectIds.normalise(line);
      if (code.length() != 18) {
        throw CixException.invalidInput(file + ":" + (i + 1) + ": '" + line + "' is not an 18-character code");
      }
      codes.add(code);
    }
    return new PilotAllowlist(codes);
  }

  boolean contains(String normalisedCode) {
    return codes.contains(normalisedCode);
  }

  public int size() {
    return codes.size();
  }
}
