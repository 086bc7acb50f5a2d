package org.cix.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JurisdictionTest {
  @Test
  void parse_unknownRegion_isRefused() {
    assertThatThrownBy(() -> Jurisdiction.parse("119999")).hasMessageContaining("unknown region code '119999'");
  }

  @Test
  void parse_malformedCode_isRefused() {
    assertThatThrownBy(() -> Jurisdiction.parse("11010")).hasMessageContaining("bad jurisdiction");
    assertThatThrownBy(() -> Jurisdiction.parse("11a1")).hasMessageContaining("bad jurisdiction");
  }

  @Test
  void contains_followsPrefixes() {
    Jurisdiction beijing = Jurisdiction.parse("1101");
    assertThat(Jurisdiction.NATIONAL.strictlyContains(beijing)).isTrue();
    assertThat(beijing.strictlyContains(Jurisdiction.parse("110105"))).isTrue();
    assertThat(beijing.contains(Jurisdiction.parse("120101"))).isFalse();
    assertThat(beijing.strictlyContains(beijing)).isFalse();
    assertThat(beijing.contains(beijing)).isTrue();
  }

  @Test
  void level_followsLength() {
    assertThat(Jurisdiction.NATIONAL.level()).isEqualTo(NodeLevel.NATIONAL);
    assertThat(Jurisdiction.parse("11").level()).isEqualTo(NodeLevel.PROVINCE);
    assertThat(Jurisdiction.parse("1101").level()).isEqualTo(NodeLevel.CITY);
    assertThat(Jurisdiction.parse("110105").level()).isEqualTo(NodeLevel.DISTRICT);
  }
}
