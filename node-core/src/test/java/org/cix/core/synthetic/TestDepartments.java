package org.cix.core.synthetic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.FieldType;
import org.cix.core.catalog.RecordType;
import org.cix.core.node.NodeServices;

/**
 * Registers at a test node the departments its exports name, as an operator would with `cix
 * department add` before the first ingest; a department held already (for the type) is left as is,
 * so no test sees a registration it did not need.
 */
public final class TestDepartments {
  private TestDepartments() {}

  /** The market regulation bureau of {@code district}, which the penalty and listing exports name. */
  public static void district(NodeServices node, String district) {
    if (node.catalog().type(DepartmentRegistry.TYPE).isPresent()) {
      SyntheticDepartments.register(node, district, SyntheticDepartments.Kind.MARKET_REGULATION);
    }
  }

  /**
   * Every department named in {@code rows} of {@code type} (its fields of type uscc), registered
   * here for {@code type} as well as for what it decided before; its name from the field beside.
   */
  public static void named(NodeServices node, String type, List<Map<String, String>> rows) {
    RecordType recordType = node.catalog().type(type).orElseThrow();
    if (node.catalog().type(DepartmentRegistry.TYPE).isEmpty()) {
      return;
    }
    DepartmentRegistry registry = node.departments();
    String deciding = recordType.decidedBy().map(d -> d + "_uscc").orElse("");
    for (Map<String, String> row : rows) {
      for (FieldDef field : recordType.fields()) {
        String uscc = row.getOrDefault(field.key(), "");
        if (field.type() != FieldType.USCC || uscc.isEmpty()) {
          continue;
        }
        DepartmentRegistry.Department held = registry.held().get(uscc);
        Set<String> types = new TreeSet<>(held == null ? Set.of() : held.types());
        boolean decides = field.key().equals(deciding);
        if (held != null && (!decides || types.contains(type))) {
          continue;
        }
        types.add(type);
        String name = row.getOrDefault(field.key().substring(0, field.key().length() - "_uscc".length()), uscc);
        registry.register(uscc, name.isEmpty() ? uscc : name, types);
      }
    }
  }
}
