package org.cix.core.profile;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.error.CixException;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.core.record.RecordIds;
import org.cix.core.seal.OriginCertificates;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.VerifiedSeals;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.SubjectIds;
import org.cix.proto.v1.RecordBody;

/**
 * Builds a subject's profile: every current record about it, grouped by type in catalog order,
 * each with its publicity now (by the date in Beijing, no message needed) and its seal check.
 */
public final class SubjectProfiles {

  private final Catalog catalog;
  private final RecordStore store;
  private final SubjectIds ids;
  private final SealVerifier verifier;
  private final OriginCertificates origins;
  /** Seals verified here, at most this many kept: a few MB. */
  private final VerifiedSeals verified = new VerifiedSeals(20_000);
  private final Clock clock;

  public SubjectProfiles(Catalog catalog, RecordStore store, SubjectIds ids, SealVerifier verifier,
      OriginCertificates origins, Clock clock) {
    this.catalog = catalog;
    this.store = store;
    this.ids = ids;
    this.verifier = verifier;
    this.origins = origins;
    this.clock = clock;
  }

  public SubjectProfile profile(String subject) {
    IdCheck id = ids.check(subject);
    if (!id.isValid()) {
      return new SubjectProfile(id, Optional.empty(), List.of(), clock.instant());
    }
    List<ProfileEntry> entries = entries(store.currentOfSubject(id.normalised().orElseThrow()));
    Optional<String> name = entries.stream().flatMap(e -> RecordFields.field(e.stored().version().body().getFieldsList(),
        "subject_name").stream()).findFirst();
    return new SubjectProfile(id, name, sorted(entries), clock.instant());
  }

  /** The most subjects one search by name answers. */
  public static final int MOST_NAMED = 50;

  /**
   * Enterprises and other subjects that are not persons whose current records held here give them
   * a name containing {@code part} (at least two characters), at most {@code limit} (1..{@value
   * #MOST_NAMED}), by subject id. A person is never found by name.
   */
  public List<org.cix.core.store.RecordStore.SubjectName> named(String part, int limit) {
    String stripped = part.strip();
    if (stripped.codePointCount(0, stripped.length()) < 2) {
      throw org.cix.core.error.CixException.invalidInput("give at least two characters of the name");
    }
    if (limit < 1 || limit > MOST_NAMED) {
      throw org.cix.core.error.CixException.invalidInput("a search answers 1 to " + MOST_NAMED + " subjects");
    }
    return store.subjectsNamed(stripped, limit);
  }

  /**
   * The current records held here that name {@code personId} (a normalised resident ID number)
   * as the legal representative of their subject, each with its publicity now and its seal check.
   */
  public List<ProfileEntry> represented(String personId) {
    return sorted(entries(store.currentRepresentedBy(personId)));
  }

  /** {@code entries} grouped by type in catalog order, the latest publicity first within a type. */
  public List<ProfileEntry> sorted(List<ProfileEntry> entries) {
    List<String> order = catalog.types().stream().map(t -> t.id()).toList();
    List<ProfileEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt((ProfileEntry e) -> rank(order, e.stored().version().body().getType()))
        .thenComparing(e -> e.stored().version().body().getPublicityFrom(), Comparator.reverseOrder()));
    return sorted;
  }

  /**
   * Every version of a record held here, oldest first, each with its publicity today and its seal
   * check; empty when the record is not held.
   */
  public List<ProfileEntry> history(String recordId) {
    if (!RecordIds.isWellFormed(recordId)) {
      throw CixException.invalidInput("'" + recordId + "' is not a record id (32 lower-case hexadecimal characters)");
    }
    return entries(store.history(recordId));
  }

  /** Each of {@code versions} with its publicity today and its seal check. */
  private List<ProfileEntry> entries(List<StoredVersion> versions) {
    LocalDate today = ChinaDate.today(clock);
    SealChecks checks = new SealChecks(store, verifier, origins, verified);
    List<ProfileEntry> entries = new ArrayList<>();
    for (StoredVersion stored : versions) {
      RecordBody body = stored.version().body();
      entries.add(new ProfileEntry(catalog.type(body.getType()), stored, RecordFields.publicOn(body, today), checks.check(stored)));
    }
    return entries;
  }

  /** Forgets the seals verified so far: the revocation lists they were verified under changed. */
  public void forgetVerifiedSeals() {
    verified.forget();
  }

  private static int rank(List<String> order, String type) {
    int i = order.indexOf(type);
    return i < 0 ? order.size() : i;
  }
}
