package org.cix.core.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cix.core.discipline.Measure;
import org.cix.core.discipline.MeasureKind;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.Trigger;
import org.cix.core.record.RecordFields;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.Registration;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LatestVersions;
import org.cix.proto.v1.RecordBody;

/**
 * The restrictions in force at a node on a day: the current records it holds that are public and
 * trigger a joint punishment, counted per region of the subject's registration and record type.
 * Reads every version of the triggering types once ({@link LatestVersions}), so its cost grows
 * with the records of those types the node holds.
 */
public final class ActiveRestrictions {
  /** Records and distinct subjects restricted, per registration region (county code) and type. */
  public record Count(String region, String type, long records, long subjects) {}

  private ActiveRestrictions() {}

  public static List<Count> of(ExchangeStore log, Measures measures, LocalDate day) {
    List<Measure> punishments = measures.all().stream().filter(m -> m.kind() == MeasureKind.PUNISHMENT).toList();
    Set<String> types = new HashSet<>();
    punishments.forEach(m -> m.triggers().stream().map(Trigger::type).forEach(types::add));
    Map<String, long[]> records = new TreeMap<>();
    Map<String, Set<String>> subjects = new HashMap<>();
    for (StoredVersion stored : LatestVersions.of(log, types).values()) {
      RecordBody body = stored.version().body();
      if (!RecordFields.publicOn(body, day) || punishments.stream().noneMatch(m -> m.triggeredBy(body))) {
        continue;
      }
      String key = Registration.region(body) + "\t" + body.getType();
      records.computeIfAbsent(key, k -> new long[1])[0]++;
      subjects.computeIfAbsent(key, k -> new HashSet<>()).add(body.getSubjectId());
    }
    List<Count> counts = new ArrayList<>();
    records.forEach((key, n) -> {
      String[] parts = key.split("\t");
      counts.add(new Count(parts[0], parts[1], n[0], subjects.get(key).size()));
    });
    return counts;
  }
}
