package org.cix.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.seal.SealedBatch;
import org.cix.proto.v1.Seal;

/**
 * The node's record store (a port; storage implements it on JDBC). Versions are appended in
 * sealed batches and never changed; every appended version gets the next change-log sequence.
 */
public interface RecordStore extends AutoCloseable {
  /** The current version of each of {@code recordIds} that exists. */
  Map<String, CurrentVersion> current(Collection<String> recordIds);

  /**
   * Stores a sealed batch in one transaction: the seal, every version with its proof, the
   * current pointers and the change log. Durable on disk when it returns.
   *
   * @return the change-log sequence of the batch's last version
   */
  long append(SealedBatch batch, long receivedAtMillis);

  /** The current version of every record about {@code subjectId}. */
  List<StoredVersion> currentOfSubject(String subjectId);

  /**
   * The current version of every record naming {@code personId} as the legal representative of
   * its subject ({@link org.cix.core.record.Representatives}).
   */
  List<StoredVersion> currentRepresentedBy(String personId);

  /**
   * Subjects (not persons) whose current records name them with {@code part} anywhere in the name
   * ({@link org.cix.core.record.SubjectNames}), at most {@code limit}, by subject id.
   */
  List<SubjectName> subjectsNamed(String part, int limit);

  /**
   * The name each current record about {@code subjectId} gives it ({@link
   * org.cix.core.record.SubjectNames}), by record id in change-log order; records that name none
   * are left out. Read from the current pointers alone, never the versions.
   */
  Map<String, String> currentNamesOf(String subjectId);

  /** A subject and the name its records give it. */
  record SubjectName(String subjectId, String name) {}

  /** Every version of a record, oldest first. */
  List<StoredVersion> history(String recordId);

  Optional<Seal> seal(String sealId);

  /** Keeps refused items with their reasons; durable when it returns. */
  void quarantine(List<Quarantined> items);

  StoreCounts counts();

  /** The servers replicating this store's database (PostgreSQL standbys); none for an embedded store. */
  default java.util.List<Standby> standbys() {
    return java.util.List.of();
  }

  @Override
  void close();
}
