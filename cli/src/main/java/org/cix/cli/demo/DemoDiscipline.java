package org.cix.cli.demo;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cix.cli.command.CheckCommand;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.error.CixException;
import org.cix.core.subject.ResidentIds;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.ingest.KeyedRows;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.IngestStart;

/**
 * The demo's joint discipline: the listed enterprise is restricted from bidding at the other
 * city's district, and the person who represents it from executive posts; a red-listed one gets
 * the fast track there; one fined 2.5 million yuan is barred from procurement for 3 years though
 * the fine is no longer public; one whose order to stop production is over 3 years old is not.
 */
final class DemoDiscipline {
  private static final String ASKER = "上海市浦东新区财政局 政府采购科 (demo)";

  private final PrintWriter out;
  private final Catalog catalog = CatalogLoader.load(CatalogSource.standard());

  DemoDiscipline(PrintWriter out) {
    this.out = out;
  }

  void show(String listed, String representative, String district, String jurisdiction, String elsewhere,
      Map<String, AdminClient> clients) throws InterruptedException {
    AdminClient far = clients.get(elsewhere);
    out.printf("joint discipline at %s (cix check %s --action public-procurement.bid):%n", elsewhere, listed);
    long checked = System.nanoTime();
    CheckCommand.print(check(far, listed, "public-procurement.bid", "政府采购投标资格审查"), out);
    awaitFeedback(listed, clients.get(district), checked);
    out.printf("%nthe feedback (联合奖惩实施反馈) of %s reached the listing district %s %.0f ms after the check%n",
        elsewhere, district, (System.nanoTime() - checked) / 1e6);

    out.printf("%nthe person who represents it (法定代表人 %s) at %s (cix check %s --action executive-appointment):%n",
        ResidentIds.mask(representative), elsewhere, ResidentIds.mask(representative));
    CheckCommand.print(check(far, representative, "executive-appointment", "国有企业董事、高管任职资格审查"), out);

    ExampleRecords examples = new ExampleRecords(2026, jurisdiction);
    String honoured = examples.enterprise();
    String penalised = examples.enterprise();
    String fined = examples.enterprise();
    AdminClient origin = clients.get(district);
    ingest(origin, "administrative-penalty", examples.fine(fined, "罚款示例贸易有限公司", LocalDate.parse("2025-03-10"),
        LocalDate.parse("2025-06-10"), "250"));
    ingest(origin, "red-list", examples.redList(honoured, "守信示例科技有限公司", LocalDate.parse("2026-03-15")));
    ingest(origin, "administrative-penalty", examples.majorPenalty(penalised, "停业示例制造有限公司",
        LocalDate.parse("2021-04-20"), LocalDate.parse("2024-04-20")));
    DemoSync.awaitEverywhere(honoured, "red-list", clients, System.nanoTime());

    CheckResult incentive = check(far, honoured, "administrative-approval.fast-track", "行政审批绿色通道资格");
    out.printf("%n%s puts %s on its red list; at %s, cix check --action administrative-approval.fast-track: %s "
        + "(%s)%n", district, honoured, elsewhere, word(incentive), incentive.getFindings(0).getMeasures(0).getName());
    CheckResult none = check(origin, penalised, "public-procurement.bid", "政府采购投标资格审查");
    out.printf("%s's order to stop production against %s: at %s, cix check --action public-procurement.bid: %s "
        + "(%s)%n", district, penalised, district, word(none), none.getFindings(0).getLapsed());
    CheckResult fine = check(origin, fined, "public-procurement.bid", "政府采购投标资格审查");
    out.printf("%s fined %s 250万元 on 2025-03-10 (public until 2025-06-10): at %s, cix check --action "
        + "public-procurement.bid: %s (%s; %s)%n", district, fined, district, word(fine),
        fine.getFindings(0).getMeasures(0).getName(), fine.getFindings(0).getMeasures(0).getLegalBasis());
    AuditReport audit = far.trust().verifyAudit();
    out.printf("%s's audit log (cix audit verify): %s, %d entries, head %s%n", elsewhere,
        audit.getIntact() ? "unbroken" : "BROKEN at entry " + audit.getFirstBadSeq(), audit.getEntries(),
        audit.getHead().substring(0, 16));
  }

  /** Waits until {@code origin} itself holds a feedback record about {@code subject}. */
  private static void awaitFeedback(String subject, AdminClient origin, long started) throws InterruptedException {
    DemoSync.until(started, () -> "no feedback reached the listing district", () ->
        origin.subject(subject).getRecordsList().stream().anyMatch(record -> record.getType().equals("measure-feedback")
            && origin.history(record.getRecordId()).getVersionsCount() > 0));
  }

  private static CheckResult check(AdminClient node, String subject, String action, String purpose) {
    return node.check(CheckRequest.newBuilder().setSubjectId(subject).setAction(action).setAsker(ASKER)
        .setPurpose(purpose).build());
  }

  private void ingest(AdminClient node, String type, Map<String, String> row) {
    byte[] jsonl = KeyedRows.jsonLines(List.of(row));
    node.ingest(IngestStart.newBuilder().setFileName(type + ".jsonl").setMappingName("demo " + type)
        .setMappingYaml(KeyedRows.mapping(catalog.type(type).orElseThrow())).build(),
        new ByteArrayInputStream(jsonl), reject -> {
          throw new CixException(CixException.Kind.INVALID_INPUT, "demo " + type + " row rejected: "
              + reject.getMessage());
        }, progress -> { }, Duration.ofMinutes(1));
  }

  private static String word(CheckResult result) {
    return result.getDecision().name().replace("DECISION_", "");
  }
}
