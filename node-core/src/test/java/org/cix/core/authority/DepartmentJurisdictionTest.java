package org.cix.core.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import org.cix.core.node.Jurisdiction;
import org.cix.core.synthetic.PenaltyExports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepartmentJurisdictionTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final RecordType LISTING = CATALOG.type("serious-dishonesty").orElseThrow();

  private static String department(String region) {
    return PenaltyExports.uscc(new Random(region.hashCode()), '1', '1', region);
  }

  @ParameterizedTest(name = "origin {0}, listing department registered in {1}: {2}")
  @CsvSource({
      "110105, 110105, true",   // Chaoyang lists in the name of a Chaoyang department
      "110105, 310115, false",  // ... never in the name of a Pudong one (the attack of issue 18)
      "110105, 110101, false",  // ... nor of its neighbour district
      "110105, 110000, false",  // ... nor of the Beijing municipal bureau: the city node records those
      "1101,   110105, true",   // a city speaks for its districts' departments
      "1101,   110000, true",   // Beijing's city node speaks for the municipal departments (registered at 11)
      "3101,   310000, true",   // so does Shanghai's
      "3201,   320000, false",  // Nanjing is not Jiangsu: the province's departments are not the city's
      "1101,   310115, false",
      "'',     100000, true",   // the national node records the ministries' decisions
      "'',     310115, true",   // and may speak for any department below it
      "110105, 100000, false",  // a district never in a ministry's name
  })
  void check_departmentAgainstOrigin(String origin, String region, boolean allowed) {
    String uscc = department(region);
    Map<String, String> fields = Map.of("listing_authority_uscc", uscc, "source_unit_uscc", department(
        origin.isEmpty() ? "100000" : (origin + "0000").substring(0, 6)));

    var problem = DepartmentJurisdiction.check(LISTING, fields, new Jurisdiction(origin));

    if (allowed) {
      assertThat(problem).isEmpty();
    } else {
      assertThat(problem).hasValueSatisfying(p -> {
        assertThat(p.field()).isEqualTo("listing_authority_uscc");
        assertThat(p.code()).isEqualTo("department_outside_origin");
        assertThat(p.message()).contains(uscc).contains("outside the jurisdiction");
      });
    }
  }

  @ParameterizedTest
  @CsvSource({"110105, 110105", "310000, 31", "110100, 1101", "100000, ''"})
  void of_readsTheRegistrationRegion(String region, String jurisdiction) {
    assertThat(DepartmentJurisdiction.of(department(region))).isEqualTo(new Jurisdiction(jurisdiction));
  }

  @ParameterizedTest
  @CsvSource({"110105, 110105", "1101, 110105"})
  void check_sourceDepartmentOutside_isRefusedToo(String origin, String listing) {
    Map<String, String> fields = Map.of("listing_authority_uscc", department(listing),
        "source_unit_uscc", department("310115"));

    assertThat(DepartmentJurisdiction.check(LISTING, fields, new Jurisdiction(origin)))
        .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("source_unit_uscc"));
  }
}
