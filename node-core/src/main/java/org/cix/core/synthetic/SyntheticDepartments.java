package org.cix.core.synthetic;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.node.NodeServices;
import org.cix.core.region.Regions;

/**
 * The departments of a district that the synthetic exports name, each with a USCC of its own
 * that is the same for every export of the district (so that one registration per node covers
 * every seed): the demo, the benchmarks and the tests register them where they ingest.
 */
public final class SyntheticDepartments {
  /** A department of every district: its name after the district's, and the types it decides. */
  public enum Kind {
    MARKET_REGULATION("市场监督管理局", Set.of("administrative-penalty", "serious-dishonesty")),
    GOVERNMENT_SERVICES("政务服务和数据管理局", Set.of("administrative-licence")),
    TAXATION("税务局", Set.of("credit-rating")),
    DEVELOPMENT_REFORM("发展和改革委员会",
        Set.of("red-list", "credit-commitment", "commitment-breach", "industry-policy")),
    EMERGENCY_MANAGEMENT("应急管理局", Set.of("administrative-penalty"));

    private final String suffix;
    private final Set<String> types;

    Kind(String suffix, Set<String> types) {
      this.suffix = suffix;
      this.types = types;
    }

    public String suffix() {
      return suffix;
    }

    public Set<String> types() {
      return types;
    }
  }

  /** One department to register. */
  public record Department(String uscc, String name, Set<String> types) {}

  private SyntheticDepartments() {}

  /** The USCC of {@code district}'s department {@code kind}. */
  public static String uscc(String district, Kind kind) {
    return PenaltyExports.uscc(new Random(district.hashCode() * 31L + kind.ordinal()), '1', '1', district);
  }

  /** The full name of {@code district}'s department {@code kind}. */
  public static String name(String district, Kind kind) {
    return Regions.standard().fullName(district) + kind.suffix();
  }

  /** The kind whose name ends in {@code suffix}. */
  public static Kind kind(String suffix) {
    for (Kind kind : Kind.values()) {
      if (kind.suffix().equals(suffix)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no synthetic department " + suffix);
  }

  /** Every department of {@code district}. */
  public static List<Department> of(String district) {
    return java.util.Arrays.stream(Kind.values()).map(k -> department(district, k)).toList();
  }

  private static Department department(String district, Kind kind) {
    return new Department(uscc(district, kind), name(district, kind), kind.types());
  }

  /**
   * Registers at {@code node} the departments {@code kinds} (every one when none is named) of
   * {@code district} that it does not hold as registered by itself for those types already;
   * returns how many it registered.
   */
  public static int register(NodeServices node, String district, Kind... kinds) {
    DepartmentRegistry registry = node.departments();
    List<Kind> wanted = kinds.length == 0 ? List.of(Kind.values()) : List.of(kinds);
    int registered = 0;
    var held = registry.held();
    for (Kind kind : wanted) {
      Set<String> types = new java.util.TreeSet<>(kind.types());
      types.removeIf(t -> node.catalog().type(t).isEmpty());
      if (types.isEmpty()) {
        continue;
      }
      Department d = new Department(uscc(district, kind), name(district, kind), types);
      DepartmentRegistry.Department known = held.get(d.uscc());
      if (known == null || !known.node().equals(node.keys().nodeId()) || !known.types().containsAll(d.types()) || !known.active()) {
        registry.register(d.uscc(), d.name(), d.types());
        registered++;
      }
    }
    return registered;
  }
}
