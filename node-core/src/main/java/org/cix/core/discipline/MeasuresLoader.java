package org.cix.core.discipline;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogException;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.FieldType;
import org.cix.core.catalog.RecordType;
import org.cix.core.yaml.YamlSection;
import org.cix.crypto.hash.Hashes;

/**
 * Reads and checks the measures against the catalog they apply to: {@code measures.yaml} lists
 * the memorandum files; every problem in any of them is reported together. Versioned like the
 * catalog (SHA-256 over the manifest and the listed files).
 */
public final class MeasuresLoader {
  public static final String MANIFEST = "measures.yaml";
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  private static final Pattern YEARS = Pattern.compile("[1-9][0-9]?y");
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  private MeasuresLoader() {}

  /** The standard measures (conf/measures, copied into the build). */
  public static CatalogSource standard() {
    return CatalogSource.resources("/org/cix/core/discipline/standard/", "standard measures");
  }

  public static Measures load(CatalogSource from, Catalog catalog) {
    Map<String, byte[]> read = new LinkedHashMap<>();
    CatalogSource source = new CatalogSource() {
      @Override
      public Optional<byte[]> read(String name) throws java.io.IOException {
        Optional<byte[]> bytes = from.read(name);
        bytes.ifPresent(b -> read.put(name, b));
        return bytes;
      }

      @Override
      public String describe() {
        return from.describe();
      }
    };
    List<String> errors = new ArrayList<>();
    MessageDigest digest = Hashes.newSha256();
    Optional<YamlSection> manifest = CatalogLoader.section(source, MANIFEST, digest, errors);
    if (manifest.isEmpty()) {
      throw new CatalogException(source.describe(), "the measures", errors);
    }
    String name = manifest.get().requiredString("name");
    List<String> files = manifest.get().stringList("memoranda");
    manifest.get().rejectUnknownKeys();
    if (files.isEmpty()) {
      errors.add(MANIFEST + ": memoranda: list at least one file");
    }
    Map<String, Measure> measures = new LinkedHashMap<>();
    Set<String> memoranda = new HashSet<>();
    for (String file : files) {
      CatalogLoader.section(source, file, digest, errors).ifPresent(s -> {
        Memorandum memorandum = memorandum(s);
        if (!memoranda.add(memorandum.id())) {
          s.error("id", "memorandum '" + memorandum.id() + "' is defined twice");
        }
        for (YamlSection m : s.sections("measures")) {
          measure(m, memorandum, catalog).ifPresent(measure -> {
            if (measures.putIfAbsent(measure.id(), measure) != null) {
              m.error("id", "measure '" + measure.id() + "' is defined twice");
            }
          });
        }
        if (!s.has("measures")) {
          s.error("measures", "required");
        }
        s.rejectUnknownKeys();
      });
    }
    if (!errors.isEmpty()) {
      throw new CatalogException(source.describe(), "the measures", errors);
    }
    return new Measures(name, Hashes.hex(digest.digest()), new ArrayList<>(measures.values()), read);
  }

  private static Memorandum memorandum(YamlSection s) {
    String id = s.requiredString("id");
    checkId(s, "id", id);
    return new Memorandum(id, s.requiredString("title"), s.requiredString("title-en"), s.requiredString("document"));
  }

  private static Optional<Measure> measure(YamlSection m, Memorandum basis, Catalog catalog) {
    String id = m.requiredString("id");
    checkId(m, "id", id);
    String kindWord = m.requiredString("kind");
    Optional<MeasureKind> kind = MeasureKind.of(kindWord);
    if (kind.isEmpty() && !kindWord.isEmpty()) {
      m.error("kind", "'" + kindWord + "' is not a measure kind (punishment, reward)");
    }
    String classWord = m.requiredString("class");
    Optional<MeasureClass> measureClass = MeasureClass.of(classWord);
    if (measureClass.isEmpty() && !classWord.isEmpty()) {
      m.error("class", "'" + classWord + "' is not a measure class (legal, management, market, incentive)");
    } else if (measureClass.isPresent() && kind.isPresent() && !measureClass.get().fits(kind.get())) {
      m.error("class", kind.get() == MeasureKind.REWARD ? "a reward is of class incentive"
          : "a punishment is of class legal, management or market");
    }
    String name = m.requiredString("name");
    String nameEn = m.requiredString("name-en");
    String legalBasis = m.requiredString("legal-basis");
    List<Trigger> triggers = new ArrayList<>();
    for (YamlSection t : m.sections("triggers")) {
      trigger(t, catalog).ifPresent(triggers::add);
    }
    if (!m.has("triggers")) {
      m.error("triggers", "list the record types that trigger this measure");
    }
    List<String> actions = m.stringList("actions");
    if (actions.isEmpty()) {
      m.error("actions", "list the action codes this measure governs (e.g. public-procurement.bid)");
    }
    for (String action : actions) {
      if (!ACTION.matcher(action).matches()) {
        m.error("actions", "'" + action + "' is not an action code (lower-case words joined by '.' or '-')");
      }
    }
    Set<Reach> reaches = new LinkedHashSet<>();
    for (String word : m.has("reaches") ? m.stringList("reaches") : List.of(Reach.SUBJECT.word())) {
      Reach.of(word).ifPresentOrElse(reaches::add,
          () -> m.error("reaches", "'" + word + "' is not whom a measure reaches (subject, legal-representative, "
              + "represented-enterprise)"));
    }
    List<String> departments = m.stringList("departments");
    if (departments.isEmpty()) {
      m.error("departments", "name the departments that carry this measure out");
    }
    m.rejectUnknownKeys();
    if (kind.isEmpty() || measureClass.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Measure(id, kind.get(), measureClass.get(), name, nameEn, basis, legalBasis, triggers,
        actions, reaches, departments));
  }

  private static Optional<Trigger> trigger(YamlSection t, Catalog catalog) {
    String typeId = t.requiredString("type");
    Optional<RecordType> type = catalog.type(typeId);
    if (type.isEmpty() && !typeId.isEmpty()) {
      t.error("type", "'" + typeId + "' is not a type of catalog " + catalog.version().substring(0, 12));
    }
    Map<String, Set<String>> where = new LinkedHashMap<>();
    t.section("where").ifPresent(w -> {
      for (Object key : w.keys()) {
        String field = String.valueOf(key);
        List<String> codes = w.stringList(field);
        Optional<FieldDef> def = type.flatMap(ty -> ty.field(field));
        if (type.isPresent() && (def.isEmpty() || !coded(def.get()))) {
          w.error(field, "is not a code or codes field of " + typeId);
        } else if (codes.isEmpty()) {
          w.error(field, "list the codes that trigger the measure");
        } else {
          def.ifPresent(d -> codes.stream().filter(c -> !d.codes().contains(c))
              .forEach(c -> w.error(field, "'" + c + "' is not a code of " + typeId + "." + field)));
        }
        where.put(field, new LinkedHashSet<>(codes));
      }
      w.rejectUnknownKeys();
    });
    Map<String, BigDecimal> atLeast = new LinkedHashMap<>();
    t.section("at-least").ifPresent(a -> {
      for (Object key : a.keys()) {
        String field = String.valueOf(key);
        Optional<FieldDef> def = type.flatMap(ty -> ty.field(field));
        if (type.isPresent() && (def.isEmpty() || def.get().type() != FieldType.DECIMAL)) {
          a.error(field, "is not a decimal field of " + typeId);
        }
        String amount = a.requiredString(field);
        try {
          atLeast.put(field, new BigDecimal(amount));
        } catch (NumberFormatException e) {
          a.error(field, "'" + amount + "' is not an amount");
        }
      }
      a.rejectUnknownKeys();
    });
    Optional<Period> within = t.string("within").flatMap(word -> {
      if (!YEARS.matcher(word).matches()) {
        t.error("within", "expected a statutory window in years such as 3y, got '" + word + "'");
        return Optional.empty();
      }
      return Optional.of(Period.ofYears(Integer.parseInt(word.substring(0, word.length() - 1))));
    });
    t.rejectUnknownKeys();
    return type.map(ty -> new Trigger(typeId, where, atLeast, within));
  }

  private static boolean coded(FieldDef def) {
    return def.type() == FieldType.CODE || def.type() == FieldType.CODES;
  }

  private static void checkId(YamlSection s, String key, String id) {
    if (!id.isEmpty() && !ID.matcher(id).matches()) {
      s.error(key, "'" + id + "' is not an id (lower-case letters, digits and '-')");
    }
  }
}
