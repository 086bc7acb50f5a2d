package org.cix.core.discipline;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;

/**
 * Records of one type that trigger a measure: all of them, or only those where each named field
 * holds one of the given codes (a {@code codes} field matches when any of its codes does).
 */
public record Trigger(String type, Map<String, Set<String>> where) {
  public Trigger {
    where = Map.copyOf(where);
  }

  public boolean matches(RecordBody body) {
    if (!body.getType().equals(type)) {
      return false;
    }
    for (Map.Entry<String, Set<String>> condition : where.entrySet()) {
      if (!holds(body.getFieldsList(), condition.getKey(), condition.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(List<Field> fields, String key, Set<String> codes) {
    for (Field field : fields) {
      if (field.getKey().equals(key)) {
        // a codes field is stored as its codes joined with ';' (see RowStandardiser)
        for (String code : field.getValue().split(";")) {
          if (codes.contains(code.trim())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
