package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.cix.cli.Main;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: seven node processes, six parent links up, the exchange, joint
 * discipline at the other city's district, clean stop.
 */
@Timeout(180)
class DemoTest {
  @TempDir Path dir;

  @Test
  void demo_bringsUpTheWholeTree_andStopsCleanly() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "demo", "--dir", dir.resolve("demo").toString());

    String printed = out.toString();
    assertThat(code).as(printed + err).isZero();
    assertThat(printed).contains("7 nodes, 6 of 6 parent links up")
        .contains("stopped 7 nodes cleanly (SIGTERM, exit 0)")
        .containsPattern("│  └─ bj-chaoyang\\s+district\\s+110105 北京市朝阳区\\s+\\d+\\s+up to bj")
        .containsPattern("└─ sh\\s+city\\s+3101 上海市")
        .containsPattern("bj-chaoyang\\s+bj-chaoyang-penalties.csv\\s+GBK\\s+300\\s+\\d{3}\\s+\\d+\\s+exports/")
        .containsPattern("all [\\d,]+ versions ingested at the districts reached the national node")
        .containsPattern("bj-chaoyang\\s+\\d{3}")
        .contains("its exchange statistics (cix stats):")
        .containsPattern("bj\\s+received\\s+\\d+\\s+[\\d,]+\\s+[\\d,]+\\s+[\\d,]+\\s+0\\s+0\\s+0")
        .containsPattern("from origin seal to arrival here:\\s+ORIGIN\\s+VERSIONS\\s+P50\\s+P99\\s+MAX")
        .contains("profile at cn of one subject of bj-chaoyang")
        .contains("data quality per source department at bj-chaoyang (cix quality departments):")
        .containsPattern("北京市朝阳区市场监督管理局 \\w{18}\\s+\\d{3}\\s+\\d+\\s+\\w+ \\d+")
        .containsPattern("the list entry reached all 7 nodes in \\d+ ms")
        .containsPattern("v1\\s+active\\s+ingest\\s+ingest:\\S+\\s+bj-chaoyang\\s+.*bj-chaoyang [\\d:.]+ > bj [\\d:.]+ > cn "
            + "[\\d:.]+ > sh [\\d:.]+ > here [\\d:.]+\\s+verified")
        .containsPattern("行政许可 administrative-licence \\(1\\)[\\s\\S]*行政处罚 administrative-penalty \\(1\\)")
        .contains("seal verified")
        .contains("joint discipline at sh-pudong")
        .containsPattern("decision\\s+RESTRICT\\s+限制")
        .containsPattern("measure\\s+限制参与政府采购活动 \\(punishment, sd-procurement-ban\\)")
        .containsPattern("decided by\\s+北京市朝阳区市场监督管理局\\s+origin\\s+bj-chaoyang, seal verified")
        .containsPattern("the feedback \\(联合奖惩实施反馈\\) of sh-pudong reached the listing district bj-chaoyang \\d+ ms")
        .contains("at sh-pudong, cix check --action administrative-approval.fast-track: INCENTIVE")
        .contains("at bj-chaoyang, cix check --action public-procurement.bid: NONE (the measure counts it 3 year(s) from "
            + "2021-04-20, until 2024-04-19)")
        // issue 21: measure classes and legal bases, a person restricted through the enterprise they represent,
        // procurement barred by a large fine whose publicity is over
        .containsPattern("class\\s+减损权益或增加义务的措施 \\(legal\\)\\s+legal basis\\s+中华人民共和国政府采购法 第二十二条")
        .containsPattern("the person who represents it \\(法定代表人 \\d{6}\\*{10}\\w{2}\\) at sh-pudong")
        .containsPattern("through\\s+法定代表人 of 9111010550AMM6CC6R")
        .containsPattern("measure\\s+限制担任国有企业法定代表人、董事、监事 \\(punishment, sd-executive-ban\\)")
        .containsPattern("bj-chaoyang fined \\w{18} 250万元 on 2025-03-10 \\(public until 2025-06-10\\): at bj-chaoyang, "
            + "cix check --action public-procurement.bid: RESTRICT \\(参加政府采购活动前三年内有重大违法记录的，不得参加; "
            + "中华人民共和国政府采购法")
        .containsPattern("sh-pudong's audit log \\(cix audit verify\\): unbroken, \\d+ entries, head [0-9a-f]{16}")
        // issue 19: departments over the department API's HTTP/JSON side
        .containsPattern("POST /v1/department/Submit: receipt #1, 200 rows, \\d+ new, \\d+ rejected with reasons")
        .contains("the same file again: the first receipt #1, nothing stored or quarantined twice")
        .contains("POST /v1/department/Check: RESTRICT (限制参与政府采购活动; listed by 北京市朝阳区市场监督管理局)")
        .containsPattern("the same clerk in a browser, https://localhost:[0-9]+/console/: the subject page says RESTRICT")
        .containsPattern("credit package of 9111010550AMM6CC6R exported at sh-pudong .*: \\d+ records")
        .containsPattern("cix package verify .* \\(offline\\): VERIFIED, (\\d+) of \\1 records verified, manifest signed by sh-pudong")
        .containsPattern("one byte flipped at offset [\\d,]+ of a copy: NOT VERIFIED at line 1, record [0-9a-f]{32}: its sealed "
            + "bytes were changed")
        .containsPattern("objects at sh-pudong \\(cix objection file --record [0-9a-f]{32}\\): request OBJ-\\d{8}-[0-9A-F]{10}, "
            + "due \\d{4}-\\d{2}-\\d{2}, decided only by the origin bj-chaoyang")
        .containsPattern("the listing shows 'under objection OBJ-\\d{8}-[0-9A-F]{10}' on all 7 nodes \\d+ ms after filing")
        .contains("sh-pudong tries to decide it: refused (only the record's origin, node bj-chaoyang, decides request")
        .containsPattern("--outcome REVOKED\\): record now v3, revoked")
        .containsPattern("NONE on all 7 nodes \\d+ ms after the decision; sh-pudong shows the request REVOKED")
        .contains("the federation as cn knows it from the nodes' own reports (cix federation):")
        .containsPattern("cn\\s+national\\s+\\S+ ago\\s+[\\d,]+\\s+\\d+ days( RENEW)?\\s+bj child up")
        .containsPattern("\\n    bj-chaoyang\\s+110105\\s+")
        .contains("the national node's report (cix report --config conf/cn.yaml --out report.html): "
            + dir.resolve("demo/report.html").toAbsolutePath());
    assertThat(dir.resolve("demo/logs/cn.log")).exists();

    Path report = dir.resolve("demo/report.html");
    String html = Files.readString(report);
    assertThat(html).as("self-contained: nothing to fetch").doesNotContain("http://").doesNotContain("https://")
        .doesNotContain("<script").doesNotContain("@font-face")
        .contains("信用信息交换报告").contains("<svg").contains(">bj<").contains(">bj-chaoyang<")
        .contains("各地区失信限制").contains("110105 北京市朝阳区");
    HeadlessChromium.Opened opened = HeadlessChromium.open(report, Files.createDirectories(dir.resolve("browser")));
    assertThat(opened.console()).as("no console messages: no errors, no blocked loads").isEmpty();
    assertThat(opened.colours()).as("the screenshot shows the pictures").isGreaterThan(20);
  }
}
