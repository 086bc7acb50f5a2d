package org.cix.core.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GB/T 2260 administrative division table (National Bureau of Statistics, 2023): provinces
 * (2 digits), prefecture-level cities (4) and county-level districts (6). See SOURCE.md beside
 * the CSV files for provenance and licence.
 */
public final class Regions {
  private static final String BASE = "/org/cix/core/region/";
  private static final Regions STANDARD = load();

  private final Map<String, Region> byCode;

  private Regions(Map<String, Region> byCode) {
    this.byCode = Map.copyOf(byCode);
  }

  /** One division of the table. */
  public record Region(String code, String name, String parentCode) {}

  /** The table shipped with this build. */
  public static Regions standard() {
    return STANDARD;
  }

  public Optional<Region> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public boolean isKnown(String code) {
    return byCode.containsKey(code);
  }

  /**
   * A readable name for a jurisdiction: the division's name prefixed by its parents where the
   * division alone is ambiguous ("北京市 市辖区 东城区" reads as "北京市东城区").
   */
  public String fullName(String code) {
    if (code.isEmpty()) {
      return "全国";
    }
    StringBuilder name = new StringBuilder();
    for (int length = 2; length <= code.length(); length += 2) {
      Region region = byCode.get(code.substring(0, length));
      if (region == null) {
        return "unknown region " + code;
      }
      if (!"市辖区".equals(region.name()) && !"县".equals(region.name())) {
        name.append(region.name());
      }
    }
    return name.toString();
  }

  public int size() {
    return byCode.size();
  }

  private static Regions load() {
    Map<String, Region> regions = new HashMap<>();
    read("provinces.csv", regions);
    read("cities.csv", regions);
    read("areas.csv", regions);
    return new Regions(regions);
  }

  private static void read(String file, Map<String, Region> into) {
    try (InputStream in = Regions.class.getResourceAsStream(BASE + file)) {
      if (in == null) {
        throw new IllegalStateException("region table " + file + " missing from the build");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        String code = cells[0];
        String name = cells[1].replace("\"", "");
        String parent = cells.length > 2 ? cells[2] : "";
        into.put(code, new Region(code, name, parent));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read region table " + file, e);
    }
  }
}
