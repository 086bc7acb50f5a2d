package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.LinkFlow;
import org.cix.proto.v1.MonthlyVersions;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.SubjectProfile;
import org.junit.jupiter.api.Test;

/** What the text tables print when there is little to print. */
class PrintedTablesTest {
  @Test
  void stats_sayWhatIsEmpty_insteadOfLeavingASectionOut() {
    StringWriter text = new StringWriter();
    StatsCommand.print(ExchangeStats.newBuilder().addLinks(LinkFlow.newBuilder().setPeer("bj")
        .setDirection("sent").setBundles(1).setItems(3)).build(), new PrintWriter(text, true));
    assertThat(text.toString()).contains("per link:").contains("refused on receipt: none")
        .contains("from origin seal to arrival here: no versions received from other origins")
        .contains("restrictions in force today: none")
        .contains("versions per source department and month: none counted yet");
  }

  @Test
  void stats_printTheVersionsPerDepartmentAndMonth() {
    StringWriter text = new StringWriter();
    StatsCommand.print(ExchangeStats.newBuilder().addMonthly(MonthlyVersions.newBuilder().setMonth("2026-12")
        .setDepartment("11110105FCL0L7Q94E").setDepartmentName("北京市朝阳区市场监督管理局").setVersions(1234)).build(),
        new PrintWriter(text, true));
    assertThat(text.toString()).contains("versions held here per source department and month they were made in:")
        .containsPattern("2026-12\\s+北京市朝阳区市场监督管理局 11110105FCL0L7Q94E\\s+1,234");
  }

  @Test
  void subjectShow_describesMeasureFeedback_andLeavesNoBlankLines() {
    StringWriter text = new StringWriter();
    SubjectCommand.print(SubjectProfile.newBuilder().setSubjectId("9111010550AMM6CC6R").addRecords(
        ProfileRecord.newBuilder().setType("measure-feedback").setTypeLabel("联合奖惩实施反馈").setRecordId("f1")
            .setVersion(1).setStatus("ACTIVE").setOriginNode("sh-pudong").setSealCheck("verified")
            .addFields(field("measures", "限制参与政府采购活动"))
            .addFields(field("action", "public-procurement.bid"))
            .addFields(field("applied_by", "account procurement-clerk of 11310115XXXXXXXXXX"))).build(),
        new PrintWriter(text, true));
    assertThat(text.toString()).containsPattern("what\\s+限制参与政府采购活动  public-procurement.bid by account "
        + "procurement-clerk").doesNotContain("  source").doesNotContainPattern("(?m)^\\s+what\\s*$");
  }

  private static Field field(String key, String value) {
    return Field.newBuilder().setKey(key).setValue(value).build();
  }
}
