package org.cix.cli.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.seal.SealedBatch;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoreCounts;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.Seal;

/** A RecordStore that counts the time spent in it, to split a benchmark's time. */
final class TimedRecordStore implements RecordStore {
  private final RecordStore store;
  long lookupNanos;
  long appendNanos;
  long quarantineNanos;

  TimedRecordStore(RecordStore store) {
    this.store = store;
  }

  @Override
  public Map<String, CurrentVersion> current(Collection<String> recordIds) {
    long t = System.nanoTime();
    try {
      return store.current(recordIds);
    } finally {
      lookupNanos += System.nanoTime() - t;
    }
  }

  @Override
  public long append(SealedBatch batch, long receivedAtMillis) {
    long t = System.nanoTime();
    try {
      return store.append(batch, receivedAtMillis);
    } finally {
      appendNanos += System.nanoTime() - t;
    }
  }

  @Override
  public void quarantine(List<Quarantined> items) {
    long t = System.nanoTime();
    try {
      store.quarantine(items);
    } finally {
      quarantineNanos += System.nanoTime() - t;
    }
  }

  @Override
  public List<StoredVersion> currentOfSubject(String subjectId) {
    return store.currentOfSubject(subjectId);
  }

  @Override
  public java.util.Map<String, String> currentNamesOf(String subjectId) {
    return store.currentNamesOf(subjectId);
  }

  @Override
  public List<org.cix.core.store.Standby> standbys() {
    return store.standbys();
  }

  @Override
  public List<StoredVersion> currentRepresentedBy(String personId) {
    return store.currentRepresentedBy(personId);
  }

  @Override
  public List<SubjectName> subjectsNamed(String part, int limit) {
    return store.subjectsNamed(part, limit);
  }

  @Override
  public List<StoredVersion> history(String recordId) {
    return store.history(recordId);
  }

  @Override
  public Optional<Seal> seal(String sealId) {
    return store.seal(sealId);
  }

  @Override
  public StoreCounts counts() {
    return store.counts();
  }

  @Override
  public void close() {
    store.close();
  }
}
