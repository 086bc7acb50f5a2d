package org.cix.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealedBatch;
import org.cix.proto.v1.Seal;
import org.cix.core.record.Representatives;

/** A RecordStore in memory for domain tests; {@code failOnAppend} simulates a crash at the n-th append. */
public final class InMemoryRecordStore implements RecordStore {
  public final List<StoredVersion> versions = new ArrayList<>();
  public final Map<String, CurrentVersion> current = new LinkedHashMap<>();
  public final Map<String, Seal> seals = new HashMap<>();
  public final List<Quarantined> quarantined = new ArrayList<>();
  /** Told the new head after each append (what the change log's {@code onAppend} listeners are told). */
  public final List<LongConsumer> appended = new ArrayList<>();
  public int appends;
  public int failOnAppend = -1;

  @Override
  public Map<String, CurrentVersion> current(Collection<String> recordIds) {
    Map<String, CurrentVersion> found = new HashMap<>();
    for (String id : recordIds) {
      if (current.containsKey(id)) {
        found.put(id, current.get(id));
      }
    }
    return found;
  }

  @Override
  public long append(SealedBatch batch, long receivedAtMillis) {
    if (++appends == failOnAppend) {
      throw new IllegalStateException("simulated crash");
    }
    seals.put(batch.sealId(), batch.seal());
    for (int i = 0; i < batch.versions().size(); i++) {
      RecordVersion v = batch.versions().get(i);
      versions.add(new StoredVersion(versions.size() + 1, v, batch.proofs().get(i), receivedAtMillis,
          StoredVersion.Provenance.LOCAL));
      pointForward(v);
    }
    appended.forEach(l -> l.accept(versions.size()));
    return versions.size();
  }

  /** Makes {@code v} its record's current version, unless a newer one is current already. */
  public void pointForward(RecordVersion v) {
    CurrentVersion held = current.get(v.recordId());
    if (held == null || held.version() < v.version()) {
      current.put(v.recordId(), new CurrentVersion(v.recordId(), v.version(), v.sha256(),
          v.body().getContentSha256().toByteArray(), v.body().getOriginNode()));
    }
  }

  @Override
  public List<StoredVersion> currentOfSubject(String subjectId) {
    return versions.stream().filter(v -> v.version().body().getSubjectId().equals(subjectId))
        .filter(v -> current.get(v.version().recordId()).version() == v.version().version()).toList();
  }

  @Override
  public List<StoredVersion> currentRepresentedBy(String personId) {
    return versions.stream().filter(v -> Representatives.of(v.version().body()).filter(personId::equals).isPresent())
        .filter(v -> current.get(v.version().recordId()).version() == v.version().version()).toList();
  }

  @Override
  public Map<String, String> currentNamesOf(String subjectId) {
    Map<String, String> names = new LinkedHashMap<>();
    currentOfSubject(subjectId).forEach(v -> org.cix.core.record.SubjectNames.of(v.version().body())
        .ifPresent(name -> names.put(v.version().recordId(), name)));
    return names;
  }

  @Override
  public List<SubjectName> subjectsNamed(String part, int limit) {
    java.util.Map<String, String> found = new java.util.TreeMap<>();
    versions.stream().filter(v -> current.get(v.version().recordId()).version() == v.version().version())
        .forEach(v -> org.cix.core.record.SubjectNames.of(v.version().body())
        .filter(n -> n.contains(part)).ifPresent(n -> found.merge(v.version().body().getSubjectId(), n,
            (a, b) -> a.compareTo(b) >= 0 ? a : b)));
    return found.entrySet().stream().limit(limit).map(e -> new SubjectName(e.getKey(), e.getValue())).toList();
  }

  @Override
  public List<StoredVersion> history(String recordId) {
    return versions.stream().filter(v -> v.version().recordId().equals(recordId))
        .sorted(Comparator.comparingInt(v -> v.version().version())).toList();
  }

  @Override
  public Optional<Seal> seal(String sealId) {
    return Optional.ofNullable(seals.get(sealId));
  }

  @Override
  public void quarantine(List<Quarantined> items) {
    quarantined.addAll(items);
  }

  @Override
  public StoreCounts counts() {
    return new StoreCounts(current.size(), versions.size(), seals.size(), quarantined.size(), versions.size());
  }

  @Override
  public void close() {}
}
