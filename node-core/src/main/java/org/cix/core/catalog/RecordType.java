package org.cix.core.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A record type of the catalog: its fields, which of them identify a record, which names the
 * subject and which the department whose decision the record is ({@code decidedBy}: the listing
 * department, the penalising authority, the court), its default sharing level, routing (with,
 * for the {@code origin} route, the field holding the jurisdiction code it is addressed to) and
 * publicity rule, the working days an objection to one of its records may take, and the fields a
 * row must fill when another holds a value ({@link Requirement}).
 */
public record RecordType(
    String id,
    int version,
    String label,
    String labelEn,
    String category,
    String subjectField,
    Optional<String> decidedBy,
    List<FieldDef> fields,
    List<String> identity,
    SharingLevel sharing,
    Set<Route> routing,
    Optional<String> address,
    Publicity publicity,
    int objectionDays,
    List<Requirement> requires) {
  /** Working days an objection may take when the type does not say. */
  public static final int DEFAULT_OBJECTION_DAYS = 10;

  public RecordType {
    fields = List.copyOf(fields);
    identity = List.copyOf(identity);
    routing = Set.copyOf(routing);
    requires = List.copyOf(requires);
  }

  public Optional<FieldDef> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** The label of field {@code key} (its Chinese name), or the key when the type has no such field. */
  public String fieldLabel(String key) {
    return field(key).map(FieldDef::label).orElse(key);
  }

  /** Fields by key, in catalog order. */
  public Map<String, FieldDef> fieldsByKey() {
    Map<String, FieldDef> byKey = new LinkedHashMap<>();
    fields.forEach(f -> byKey.put(f.key(), f));
    return byKey;
  }
}
