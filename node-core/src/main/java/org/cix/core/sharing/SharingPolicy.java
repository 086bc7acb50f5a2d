package org.cix.core.sharing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.RecordType;
import org.cix.core.catalog.SharingLevel;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.ResidentIds;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SubjectKind;

/**
 * What of a subject's records may leave this node for another node and purpose: unconditional
 * types go to anyone, conditional ones only under a grant for the type and purpose, not-shared
 * ones never. Natural persons' identifiers and names, and fields the catalog marks personal, are
 * masked unless a grant covers personal data.
 */
public final class SharingPolicy {
  private final Catalog catalog;
  private final Grants grants;

  public SharingPolicy(Catalog catalog, Grants grants) {
    this.catalog = catalog;
    this.grants = grants;
  }

  /** The entries that may go to {@code node}, masked as they must be, and the types withheld. */
  public record Shared(List<ProfileEntry> entries, Set<String> withheldTypes) {
    public Shared {
      entries = List.copyOf(entries);
      withheldTypes = Set.copyOf(withheldTypes);
    }
  }

  public Shared share(List<ProfileEntry> entries, String node, String purpose) {
    List<ProfileEntry> shared = new ArrayList<>();
    Set<String> withheld = new LinkedHashSet<>();
    for (ProfileEntry entry : entries) {
      String typeId = entry.stored().version().body().getType();
      Optional<RecordType> type = catalog.type(typeId);
      if (type.isEmpty() || !mayLeave(type.get(), node, Optional.of(purpose))) {
        withheld.add(typeId);
      } else {
        shared.add(grants.coversPersonal(node, typeId, Optional.of(purpose)) ? entry : masked(entry, type.get()));
      }
    }
    return new Shared(shared, withheld);
  }

  /** True when records of {@code type} may go to {@code node} for {@code purpose} (empty: record exchange). */
  public boolean mayLeave(RecordType type, String node, Optional<String> purpose) {
    return switch (type.sharing()) {
      case UNCONDITIONAL -> true;
      case CONDITIONAL -> grants.covers(node, type.id(), purpose);
      case NOT_SHARED -> false;
    };
  }

  /** Whether {@code type} may cross any link at all. */
  public static boolean everLeaves(RecordType type) {
    return type.sharing() != SharingLevel.NOT_SHARED;
  }

  /**
   * {@code entry} with personal data masked: a view for display, no longer the sealed bytes (its
   * evidence, attached before, still names the sealed version).
   */
  static ProfileEntry masked(ProfileEntry entry, RecordType type) {
    RecordBody body = entry.stored().version().body();
    boolean person = body.getSubjectKind() == SubjectKind.SUBJECT_KIND_RESIDENT_ID;
    RecordBody.Builder view = body.toBuilder().clearFields();
    if (person) {
      view.setSubjectId(ResidentIds.mask(body.getSubjectId()));
    }
    for (Field field : body.getFieldsList()) {
      boolean personal = type.field(field.getKey()).map(FieldDef::personal).orElse(false)
          || person && (field.getKey().equals(type.subjectField()) || field.getKey().equals("subject_name"));
      view.addFields(personal ? field.toBuilder().setValue(mask(field.getKey(), field.getValue(), type)).build() : field);
    }
    StoredVersion stored = entry.stored();
    return new ProfileEntry(entry.type(), new StoredVersion(stored.seq(), RecordVersion.create(view.build()),
        stored.proof(), stored.receivedAtMillis(), stored.provenance()), entry.publicNow(), entry.sealCheck(),
        entry.evidence());
  }

  private static String mask(String key, String value, RecordType type) {
    if (key.equals(type.subjectField()) || value.length() >= 15) {
      return ResidentIds.mask(value);
    }
    return value.isEmpty() ? value : value.charAt(0) + "*".repeat(Math.max(1, value.codePointCount(0, value.length()) - 1));
  }
}
