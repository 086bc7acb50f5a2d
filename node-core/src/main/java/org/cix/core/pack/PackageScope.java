package org.cix.core.pack;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cix.core.error.CixException;

/**
 * What a package covers: one subject, or one industry (GB/T 4754 code, with everything under
 * it), optionally within a region (a GB/T 2260 prefix of the subjects' registration); the record
 * types (empty: all); the day whose standing it shows.
 */
public record PackageScope(Optional<String> subject, Optional<String> industry, Optional<String> region,
    Set<String> types, LocalDate asOf) {
  public PackageScope {
    types = Set.copyOf(types);
    if (subject.isPresent() == industry.isPresent()) {
      throw CixException.invalidInput("a package is about one subject (--subject) or one industry (--industry)");
    }
    if (subject.isPresent() && region.isPresent()) {
      throw CixException.invalidInput("--region goes with --industry");
    }
  }

  /** In words, for the manifest and the audit log. */
  public String describe() {
    StringBuilder text = new StringBuilder(subject.map(s -> "subject " + s).orElse("industry " + industry.orElse("")));
    region.ifPresent(r -> text.append(" in region ").append(r));
    if (!types.isEmpty()) {
      text.append(" types ").append(String.join(",", new TreeSet<>(types)));
    }
    return text.append(" as of ").append(asOf).toString();
  }
}
