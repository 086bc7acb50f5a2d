package org.cix.core.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionsTest {
  private final Regions regions = Regions.standard();

  @Test
  void standard_holdsProvincesCitiesAndDistricts() {
    assertThat(regions.size()).as("31 provinces and Taiwan, Hong Kong, Macao").isEqualTo(34 + 342 + 2978);
    assertThat(regions.find("110105")).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("朝阳区"));
    assertThat(regions.isKnown("3101")).isTrue();
  }

  @Test
  void isKnown_codeNotInTable_isFalse() {
    assertThat(regions.isKnown("119999")).isFalse();
    assertThat(regions.isKnown("99")).isFalse();
  }

  @Test
  void fullName_skipsPlaceholderCityNames() {
    assertThat(regions.fullName("110105")).isEqualTo("北京市朝阳区");
    assertThat(regions.fullName("3301")).isEqualTo("浙江省杭州市");
    assertThat(regions.fullName("")).isEqualTo("全国");
  }
}
