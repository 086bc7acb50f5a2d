package org.cix.core.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cix.core.yaml.YamlFiles;
import org.cix.core.yaml.YamlSection;
import org.cix.crypto.hash.Hashes;

/**
 * Reads and checks a catalog: {@code catalog.yaml} lists the type files; every problem in any
 * of them is reported together. The version is the SHA-256 over the manifest and the listed
 * files (name, length, bytes), in the manifest's order.
 */
public final class CatalogLoader {
  public static final String MANIFEST = "catalog.yaml";
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern PERIOD = Pattern.compile("(\\d+)(y|m|d)");

  private CatalogLoader() {}

  public static Catalog load(CatalogSource source) {
    List<String> errors = new ArrayList<>();
    MessageDigest digest = Hashes.newSha256();
    Optional<YamlSection> manifest = section(source, MANIFEST, digest, errors);
    if (manifest.isEmpty()) {
      throw new CatalogException(source.describe(), errors);
    }
    String name = manifest.get().requiredString("name");
    List<String> files = manifest.get().stringList("types");
    manifest.get().rejectUnknownKeys();
    if (files.isEmpty()) {
      errors.add(MANIFEST + ": types: list at least one type file");
    }
    Map<String, RecordType> types = new LinkedHashMap<>();
    for (String file : files) {
      section(source, file, digest, errors).flatMap(s -> type(s, file, errors)).ifPresent(type -> {
        if (types.putIfAbsent(type.id(), type) != null) {
          errors.add(file + ": id: type '" + type.id() + "' is defined twice");
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new CatalogException(source.describe(), errors);
    }
    return new Catalog(name, Hashes.hex(digest.digest()), types);
  }

  /**
   * Reads {@code file} of {@code source} as a YAML mapping, adding its name, length and bytes to
   * {@code digest}; problems go to {@code errors}. Shared with the measures, which are versioned
   * the same way.
   */
  public static Optional<YamlSection> section(
      CatalogSource source, String file, MessageDigest digest, List<String> errors) {
    byte[] bytes;
    try {
      Optional<byte[]> read = source.read(file);
      if (read.isEmpty()) {
        errors.add(file + ": file not found");
        return Optional.empty();
      }
      bytes = read.get();
    } catch (IOException e) {
      errors.add(file + ": cannot read: " + e.getMessage());
      return Optional.empty();
    }
    digest.update((file + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
    digest.update(bytes);
    try {
      return Optional.of(new YamlSection(file + ":", YamlFiles.parseMapping(new String(bytes, StandardCharsets.UTF_8)),
          errors));
    } catch (YamlFiles.Unreadable e) {
      errors.add(file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<RecordType> type(YamlSection s, String file, List<String> errors) {
    int before = errors.size();
    String id = s.requiredString("id");
    if (!id.isEmpty() && !ID.matcher(id).matches()) {
      s.error("id", "'" + id + "' is not a type id (lower-case letters, digits and '-')");
    }
    int version = s.integer("version", 1, 1, Integer.MAX_VALUE);
    String label = s.requiredString("label");
    String labelEn = s.requiredString("label-en");
    String category = s.requiredString("category");
    // empty for records about no subject (a node's own reports)
    String subject = s.string("subject").orElse("");
    Optional<String> decidedBy = s.string("decided-by");
    SharingLevel sharing = sharing(s);
    Set<Route> routing = routing(s);
    Optional<String> address = s.string("address");
    List<String> identity = s.stringList("identity");
    List<FieldDef> fields = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (YamlSection f : s.sections("fields")) {
      field(f).ifPresent(field -> {
        if (!keys.add(field.key())) {
          f.error("key", "'" + field.key() + "' is already a field of this type");
        } else {
          fields.add(field);
        }
      });
    }
    if (fields.isEmpty() && !s.has("fields")) {
      s.error("fields", "required");
    }
    Publicity publicity = publicity(s);
    int objectionDays = s.integer("objection-days", RecordType.DEFAULT_OBJECTION_DAYS, 1, 365);
    List<Requirement> requires = new ArrayList<>();
    for (YamlSection r : s.sections("requires")) {
      requires.add(new Requirement(r.requiredString("when"), r.requiredString("holds"), r.requiredString("then")));
      r.rejectUnknownKeys();
    }
    s.rejectUnknownKeys();

    RecordType type = new RecordType(id, version, label, labelEn, category, subject, decidedBy, fields, identity,
        sharing, routing, address, publicity, objectionDays, requires);
    crossCheck(type, s);
    return errors.size() == before ? Optional.of(type) : Optional.empty();
  }

  private static void crossCheck(RecordType type, YamlSection s) {
    Optional<FieldDef> subject = type.field(type.subjectField());
    if (!type.subjectField().isEmpty() && subject.isEmpty()) {
      s.error("subject", "names no field of this type: '" + type.subjectField() + "'");
    } else if (subject.isPresent() && (subject.get().type() != FieldType.SUBJECT_ID || !subject.get().required())) {
      s.error("subject", "field '" + type.subjectField() + "' must be a required subject-id field");
    }
    if (type.routing().contains(Route.ORIGIN) && type.address().isEmpty()) {
      s.error("address", "the origin route needs the field holding the jurisdiction code it is addressed to");
    }
    type.address().filter(key -> type.field(key).isEmpty())
        .ifPresent(key -> s.error("address", "names no field of this type: '" + key + "'"));
    type.decidedBy().filter(key -> type.field(key).isEmpty())
        .ifPresent(key -> s.error("decided-by", "names no field of this type: '" + key + "'"));
    if (type.identity().isEmpty()) {
      s.error("identity", "list the fields that identify a record (e.g. decision number and authority)");
    }
    for (String key : type.identity()) {
      Optional<FieldDef> field = type.field(key);
      if (field.isEmpty()) {
        s.error("identity", "names no field of this type: '" + key + "'");
      } else if (!field.get().required()) {
        s.error("identity", "field '" + key + "' identifies records, so it must be required");
      }
    }
    checkDateField(type, s, "publicity.from", type.publicity().fromField(), true);
    type.publicity().untilFields().forEach(f -> checkDateField(type, s, "publicity.until", f, false));
    for (LongerMinimum m : type.publicity().longerMinimums()) {
      checkCode(type, s, "publicity.min-when", m.whenField(), m.holds());
    }
    for (Requirement r : type.requires()) {
      checkCode(type, s, "requires", r.whenField(), r.holds());
      if (type.field(r.thenField()).isEmpty()) {
        s.error("requires", "names no field of this type: '" + r.thenField() + "'");
      }
    }
  }

  private static void checkCode(RecordType type, YamlSection s, String where, String key, String code) {
    Optional<FieldDef> when = type.field(key);
    if (when.isEmpty() || when.get().codes().isEmpty()) {
      s.error(where, "'" + key + "' is not a code field of this type");
    } else if (!when.get().codes().contains(code)) {
      s.error(where, "'" + code + "' is not a code of " + key);
    }
  }

  private static void checkDateField(RecordType type, YamlSection s, String where, String key, boolean required) {
    if (key.isEmpty()) {
      return;
    }
    Optional<FieldDef> field = type.field(key);
    if (field.isEmpty() || field.get().type() != FieldType.DATE) {
      s.error(where, "'" + key + "' is not a date field of this type");
    } else if (required && !field.get().required()) {
      s.error(where, "'" + key + "' must be a required field");
    }
  }

  private static Optional<FieldDef> field(YamlSection f) {
    String key = f.requiredString("key");
    if (!key.isEmpty() && !KEY.matcher(key).matches()) {
      f.error("key", "'" + key + "' is not a field key (lower-case ASCII letters, digits and '_')");
    }
    String label = f.requiredString("label");
    String labelEn = f.requiredString("label-en");
    String typeWord = f.requiredString("type");
    Optional<FieldType> type = FieldType.of(typeWord);
    if (type.isEmpty() && !typeWord.isEmpty()) {
      f.error("type", "unknown type '" + typeWord + "' (text, code, codes, date, decimal, integer, subject-id, uscc, "
          + "industry)");
    }
    boolean required = f.bool("required", false);
    boolean personal = f.bool("personal", false);
    int max = f.integer("max", type.map(t -> t == FieldType.TEXT ? 500 : 64).orElse(64), 1, 1_000_000);
    List<String> codes = f.stringList("codes");
    boolean coded = type.map(t -> t == FieldType.CODE || t == FieldType.CODES).orElse(false);
    if (coded && codes.isEmpty()) {
      f.error("codes", "a " + typeWord + " field needs its code list");
    } else if (!coded && !codes.isEmpty()) {
      f.error("codes", "only code and codes fields have a code list");
    }
    f.rejectUnknownKeys();
    return type.map(t -> new FieldDef(key, label, labelEn, t, required, max, codes, personal));
  }

  private static SharingLevel sharing(YamlSection s) {
    String word = s.requiredString("sharing");
    for (SharingLevel level : SharingLevel.values()) {
      if (level.word().equals(word)) {
        return level;
      }
    }
    if (!word.isEmpty()) {
      s.error("sharing", "'" + word + "' is not a sharing level (unconditional, conditional, not-shared)");
    }
    return SharingLevel.NOT_SHARED;
  }

  private static Set<Route> routing(YamlSection s) {
    Set<Route> routes = EnumSet.noneOf(Route.class);
    for (String word : s.stringList("routing")) {
      try {
        routes.add(Route.valueOf(word.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        s.error("routing", "'" + word + "' is not a route (up, down, peers, origin)");
      }
    }
    return routes;
  }

  private static Publicity publicity(YamlSection s) {
    Optional<YamlSection> p = s.section("publicity");
    if (p.isEmpty()) {
      s.error("publicity", "required (from, and until and/or default)");
      return new Publicity("", List.of(), Optional.empty(), Optional.empty());
    }
    List<LongerMinimum> longer = new ArrayList<>();
    for (YamlSection r : p.get().sections("min-when")) {
      period(r, "min").ifPresentOrElse(min -> longer.add(new LongerMinimum(r.requiredString("when"),
          r.requiredString("holds"), min)), () -> r.error("min", "required (e.g. 1y)"));
      r.rejectUnknownKeys();
    }
    String from = p.get().requiredString("from");
    List<String> until = p.get().stringList("until");
    Optional<Period> length = period(p.get(), "default");
    Optional<Period> repairAfter = period(p.get(), "repair-after");
    Optional<Period> shortest = period(p.get(), "min");
    Optional<Period> longest = period(p.get(), "max");
    p.get().rejectUnknownKeys();
    return new Publicity(from, until, length, repairAfter, shortest, longest, longer);
  }

  private static Optional<Period> period(YamlSection s, String key) {
    return s.string(key).flatMap(word -> {
      Matcher m = PERIOD.matcher(word.trim());
      if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
        s.error(key, "expected a period such as 3y, 6m or 90d, got '" + word + "'");
        return Optional.empty();
      }
      int n = Integer.parseInt(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "y" -> Period.ofYears(n);
        case "m" -> Period.ofMonths(n);
        default -> Period.ofDays(n);
      });
    });
  }
}
