package org.cix.core.authority;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.FieldType;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.ingest.RowProblem;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LoggedVersion;

/**
 * The departments each node speaks for, as registrations ({@value #TYPE} records) that the node
 * covering a department makes and every node receives: the department's USCC, name and the record
 * types it may decide. A record names departments in its fields of type {@code uscc}; each must be
 * registered by the record's origin, the deciding one ({@link RecordType#decidedBy()}) for the
 * record's type. Checked at ingest (where a withdrawn registration also refuses new records) and
 * by every receiver, which holds the registrations before the records: an origin registers before
 * it ingests, and each type's routes are a subset of the registration's (up, down and to peers),
 * so every link carries them in change-log order. A receiver's check is against the registration
 * as it holds it; a withdrawal stops new records at the origin and leaves the earlier ones valid.
 *
 * <p>The registry follows this node's change log (like the revocation lists), so what it knows is
 * what the store holds, at start and after every append.
 */
public final class DepartmentRegistry implements DepartmentCheck {
  public static final String TYPE = "department";
  private static final int BATCH = 500;

  /** One registration as held: who made it, and what the department may decide. */
  public record Department(String node, String uscc, String name, Set<String> types, String registered,
      String withdrawn) {
    public Department {
      types = Set.copyOf(types);
    }

    public boolean active() {
      return withdrawn.isEmpty();
    }

    static Department of(String node, Map<String, String> fields) {
      Set<String> types = Arrays.stream(fields.getOrDefault("record_types", "").split(","))
          .map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
      return new Department(node, fields.get("department_uscc"), fields.getOrDefault("name", ""), types,
          fields.getOrDefault("registered_date", ""), fields.getOrDefault("withdrawn_date", ""));
    }
  }

  private final Catalog catalog;
  private final Optional<RecordType> type;
  private final RecordStore records;
  private final ExchangeStore changeLog;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, Department> held = new ConcurrentHashMap<>();
  /** The change log read up to here; -1 before the first read. */
  private volatile long cursor = -1;
  /** The last change-log sequence appended, as the store told. */
  private volatile long appended;

  public DepartmentRegistry(Catalog catalog, RecordStore records, ExchangeStore changeLog, RecordMaker maker,
      Sealer sealer, AuditLog audit, Clock clock) {
    this.catalog = catalog;
    this.type = catalog.type(TYPE);
    this.records = records;
    this.changeLog = changeLog;
    this.maker = maker;
    this.sealer = sealer;
    this.audit = audit;
    this.clock = clock;
    changeLog.onAppend(head -> appended = head);
  }

  @Override
  public Optional<RowProblem> ofOwn(RecordType recordType, Map<String, String> fields) {
    return check(recordType, fields, maker.origin().nodeId(), Map.of(), true);
  }

  /**
   * The first department of a record of {@code recordType} with {@code fields}, made by
   * {@code originNode}, that the origin has not registered (or not for this type, or withdrew
   * when {@code atOrigin}), as a row problem naming the field. {@code pending}: registrations
   * earlier in the same bundle, not stored yet. Empty when the catalog has no registrations.
   */
  public Optional<RowProblem> check(RecordType recordType, Map<String, String> fields, String originNode,
      Map<String, Department> pending, boolean atOrigin) {
    if (type.isEmpty() || recordType.id().equals(TYPE)) {
      return Optional.empty();
    }
    if (cursor < 0 || appended > cursor) {
      follow();
    }
    String deciding = recordType.decidedBy().map(d -> d + "_uscc").orElse("");
    for (FieldDef field : recordType.fields()) {
      String uscc = fields.getOrDefault(field.key(), "");
      if (field.type() != FieldType.USCC || uscc.length() != 18) {
        continue;
      }
      Department department = pending.getOrDefault(uscc, held.get(uscc));
      if (department == null || !department.node().equals(originNode)) {
        return problem(field, "department_not_registered", "department " + uscc + " is not registered by node "
            + originNode + (department == null ? "" : " (node " + department.node() + " registered it)")
            + ": a node records only the decisions of departments it registered (cix department add)");
      }
      if (atOrigin && !department.active()) {
        return problem(field, "department_withdrawn", "department " + uscc + " (" + department.name()
            + ") was withdrawn on " + department.withdrawn() + ": its new records are refused");
      }
      if (field.key().equals(deciding) && !department.types().contains(recordType.id())) {
        return problem(field, "department_not_entitled", "department " + uscc + " (" + department.name()
            + ") is registered to decide " + String.join(", ", new TreeSet<>(department.types())) + ", not "
            + recordType.id());
      }
    }
    return Optional.empty();
  }

  /** The registration a {@value #TYPE} record makes, for a receiver to count it before it is stored. */
  public static Department of(RecordVersion version) {
    return Department.of(version.body().getOriginNode(), version.fields());
  }

  /** Every registration held, by USCC. */
  public Map<String, Department> held() {
    follow();
    return new TreeMap<>(held);
  }

  /**
   * Registers (or changes the registration of) a department of this node and seals it as this
   * node's record; the types must be in the catalog and decided by a department.
   *
   * @throws CixException INVALID_INPUT for a department outside this node's jurisdiction, one
   *     another node registered, or an unknown type
   */
  public synchronized Department register(String uscc, String name, Set<String> types) {
    RecordType recordType = recordType();
    for (String t : types) {
      Optional<RecordType> known = catalog.type(t);
      if (known.isEmpty() || known.get().decidedBy().isEmpty()) {
        throw CixException.invalidInput("'" + t + "' is not a record type a department decides; those are: "
            + catalog.types().stream().filter(k -> k.decidedBy().isPresent()).map(RecordType::id)
                .collect(Collectors.joining(", ")));
      }
    }
    if (types.isEmpty()) {
      throw CixException.invalidInput("name at least one record type the department may decide");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("department_uscc", uscc);
    fields.put("name", name);
    fields.put("record_types", String.join(",", new TreeSet<>(types)));
    Department before = held().get(uscc);
    fields.put("registered_date", before != null && before.node().equals(maker.origin().nodeId())
        ? before.registered() : ChinaDate.today(clock).toString());
    return store(recordType, fields, "department.register", "registered " + uscc + " " + name + " for "
        + fields.get("record_types"));
  }

  /** Withdraws a registration of this node: its department's new records are refused from now on. */
  public synchronized Department withdraw(String uscc) {
    RecordType recordType = recordType();
    Department before = held().get(uscc);
    if (before == null || !before.node().equals(maker.origin().nodeId())) {
      throw CixException.notFound("department " + uscc + " is not registered by this node");
    }
    if (!before.active()) {
      return before;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("department_uscc", uscc);
    fields.put("name", before.name());
    fields.put("record_types", String.join(",", new TreeSet<>(before.types())));
    fields.put("registered_date", before.registered());
    fields.put("withdrawn_date", ChinaDate.today(clock).toString());
    return store(recordType, fields, "department.withdraw", "withdrew " + uscc + " " + before.name());
  }

  private Department store(RecordType recordType, Map<String, String> fields, String action, String detail) {
    String uscc = fields.get("department_uscc");
    Department other = held().get(uscc);
    if (other != null && !other.node().equals(maker.origin().nodeId())) {
      throw CixException.invalidInput("department " + uscc + " is registered by node " + other.node()
          + ": a department is registered by one node");
    }
    Optional<RowProblem> outside = DepartmentJurisdiction.check(recordType, fields, maker.origin().jurisdiction());
    if (outside.isPresent()) {
      throw CixException.invalidInput(outside.get().message());
    }
    RecordVersion version = maker.own(recordType, fields, records, clock.millis());
    records.append(sealer.seal(List.of(version)), clock.millis());
    audit.append(new AuditEvent(clock.instant(), "admin", action, "", detail));
    follow();
    return held.get(uscc);
  }

  /** Takes in the registrations that reached the change log since the last call. */
  public synchronized void follow() {
    if (type.isEmpty()) {
      return;
    }
    cursor = changeLog.readTypes(Math.max(cursor, 0), changeLog.head(), List.of(TYPE), BATCH, (batch, readUpTo) -> {
      for (LoggedVersion logged : batch) {
        Department department = Department.of(logged.originNode(),
            RecordVersion.fromHashedBytes(logged.body(), logged.sha256()).fields());
        Department earlier = held.get(department.uscc());
        if (earlier == null || earlier.node().equals(department.node())) {
          held.put(department.uscc(), department);
        }
      }
    });
  }

  private RecordType recordType() {
    return type.orElseThrow(() -> new CixException(CixException.Kind.PRECONDITION_FAILED,
        "this node's catalog has no " + TYPE + " type"));
  }

  private static Optional<RowProblem> problem(FieldDef field, String code, String message) {
    return Optional.of(new RowProblem(field.key(), code, message));
  }
}
