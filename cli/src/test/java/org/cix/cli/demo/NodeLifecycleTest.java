package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cix.cli.Cix;
import org.cix.cli.node.RunFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `cix node start` as its own process: `cix status` reads it, SIGTERM stops it with exit 0. */
@Timeout(120)
class NodeLifecycleTest {
  @TempDir Path dir;
  private NodeProcess node;

  /** Whatever the test did, the node process does not outlive it. */
  @AfterEach
  void stopNode() throws InterruptedException {
    if (node != null && node.isAlive()) {
      node.stop(10);
    }
  }


  @Test
  void startedNode_answersStatus_andStopsCleanlyOnSigterm() throws Exception {
    Cix.run(0, "ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run(0, "node", "init", "--id", "sh", "--jurisdiction", "3101", "--ca", dir.resolve("root").toString(),
        "--out", dir.resolve("sh").toString());
    Path config = dir.resolve("sh.yaml");
    Files.writeString(config, "node:\n  keys: sh\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\n"
        + "peers:\n  - node-id: zj\n    address: 127.0.0.1:9\n");

    node = NodeProcess.start(new DemoNode("sh", "3101", Optional.empty()), config, dir.resolve("sh.log"));
    await().atMost(Duration.ofSeconds(60)).until(() -> node.runFile(dir.resolve("data")).isPresent());

    String status = Cix.run(0, "status", "--config", config.toString());
    assertThat(status).contains("node          sh").contains("3101 上海市 (city)").contains("(15 record types)")
        .containsPattern("zj\\s+peer\\s+out\\s+(down|connecting)\\s+127.0.0.1:9\\s+never");
    assertThat(Cix.run(0, "status", "--config", config.toString(), "--json")).contains("\"nodeId\": \"sh\"");

    Path export = dir.resolve("penalties.csv");
    String generated = Cix.run(0, "generate", "--rows", "400", "--district", "310101", "--defects", "0.05",
        "--encoding", "GBK", "--seed", "3", "--out", export.toString());
    assertThat(Cix.run(0, "ingest", "--config", config.toString(), "--mapping", export + ".mapping.yaml",
        export.toString())).as("before its department is registered")
        .containsPattern("0 new, 0 updated, 0 unchanged, 400 rejected");
    // the registration generate prints, run as printed
    String add = generated.lines().filter(l -> l.startsWith("  cix department add ")).findFirst().orElseThrow();
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(add.trim().split(" ")));
    args.remove(0);
    args.add("--config");
    args.add(config.toString());
    assertThat(Cix.run(args.toArray(String[]::new))).contains("上海市黄浦区市场监督管理局").contains("in force");
    assertThat(Cix.run("department", "list", "--config", config.toString()))
        .containsPattern("上海市黄浦区市场监督管理局\\s+sh\\s+administrative-penalty,serious-dishonesty");
    String ingested = Cix.run(0, "ingest", "--config", config.toString(), "--mapping", export + ".mapping.yaml",
        export.toString());
    assertThat(ingested).containsPattern("penalties.csv: 400 rows: (\\d+) new, 0 updated, 0 unchanged, (\\d+) rejected");
    assertThat(Files.readString(Path.of(export + ".rejects.csv"))).startsWith("\uFEFFrow,where,field,reason,message")
        .containsPattern("\\d+,row \\d+ \\(line \\d+\\),\\w+,(bad_check_digit|bad_date|missing_field|not_in_code_list),");
    assertThat(Files.readString(Path.of(export + ".rejects.json"))).contains("\"reason\":");
    assertThat(Cix.run(0, "ingest", "--config", config.toString(), "--mapping", export + ".mapping.yaml",
        export.toString())).containsPattern("0 new, 0 updated, \\d{3} unchanged");
    String subject = org.cix.core.synthetic.PenaltyExports.subjectOfRow(3, "310101", 1);
    assertThat(Cix.run(0, "subject", "show", "--config", config.toString(), subject))
        .contains("行政处罚 administrative-penalty (1)").contains("seal verified");
    String profile = Cix.run(0, "subject", "show", "--config", config.toString(), subject, "--json");
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"recordId\": \"([0-9a-f]{32})\"").matcher(profile);
    assertThat(id.find()).as(profile).isTrue();
    assertThat(Cix.run(0, "record", "history", "--config", config.toString(), id.group(1)))
        .containsPattern("v1\\s+active\\s+ingest\\s+ingest:penalties.csv\\s+sh\\s+.*ingested here\\s+verified");
    assertThat(Cix.run(0, "check", "--config", config.toString(), subject, "--action", "public-procurement.bid",
        "--purpose", "资格审查"))
        .containsPattern("subject\\s+" + subject).containsPattern("decision\\s+(RESTRICT|NONE)");
    assertThat(Cix.run(0, "check", "--config", config.toString(), subject, "--action", "bond-issuance", "--json"))
        .contains("\"decision\": \"DECISION_NONE\"").contains("\"measuresVersion\": \"");
    assertThat(Cix.run(1, "check", "--config", config.toString(), subject, "--action", "fishing"))
        .contains("'fishing' is not an action any measure governs; known: administrative-approval.by-commitment, "
            + "administrative-approval.fast-track");
    String filed = Cix.run(0, "objection", "file", "--config", config.toString(), "--subject", subject, "--record",
        id.group(1), "--reason", "罚款金额有误");
    java.util.regex.Matcher request = java.util.regex.Pattern.compile("request\\s+(OBJ-\\S+) \\(OBJECTION\\)")
        .matcher(filed);
    assertThat(request.find()).as(filed).isTrue();
    assertThat(filed).containsPattern("state\\s+OPEN").contains("node sh, the record's origin (this node)");
    assertThat(Cix.run(0, "objection", "list", "--config", config.toString(), "--open"))
        .containsPattern(request.group(1) + "\\s+OBJECTION\\s+OPEN\\s+" + id.group(1));
    assertThat(Cix.run(1, "objection", "decide", "--config", config.toString(), request.group(1), "--outcome",
        "REPAIRED")).contains("'REPAIRED' is not an outcome of objection requests (UPHELD, CORRECTED, REVOKED)");
    assertThat(Cix.run(0, "objection", "decide", "--config", config.toString(), request.group(1), "--outcome",
        "CORRECTED", "--set", "penalty_content=罚款3万元", "--note", "金额更正"))
        .containsPattern("decision\\s+CORRECTED on \\d{4}-\\d{2}-\\d{2} by operator \\S+ \\(admin port\\), record now v3");
    assertThat(Cix.run(0, "record", "history", "--config", config.toString(), id.group(1)))
        .containsPattern("v2\\s+active, under objection " + request.group(1) + "\\s+objection")
        .containsPattern("v3\\s+active\\s+correction\\s+objection " + request.group(1) + " corrected: 金额更正");
    assertThat(Cix.run(0, "objection", "list", "--config", config.toString(), "--open"))
        .contains("no requests known at this node");
    Path subjectPackage = dir.resolve("subject.zip");
    assertThat(Cix.run(0, "package", "export", "--config", config.toString(), "--subject", subject, "--purpose",
        "授信审查", "--out", subjectPackage.toString()))
        .containsPattern("wrote .*subject.zip: \\d+ records? of 1 subject \\(0 masked\\)");
    assertThat(Cix.run(0, "package", "verify", subjectPackage.toString(), "--root",
        dir.resolve("root").resolve("root.crt").toString())).contains("manifest: signed by sh").contains("package VERIFIED");
    Path industryPackage = dir.resolve("industry.zip");
    assertThat(Cix.run(0, "package", "export", "--config", config.toString(), "--industry", "F", "--region", "310101",
        "--purpose", "行业监管", "--out", industryPackage.toString())).containsPattern("wrote .*industry.zip: \\d{2,3} records");
    assertThat(Cix.run(1, "package", "export", "--config", config.toString(), "--purpose", "x", "--out",
        dir.resolve("none.zip").toString())).contains("a package is about one subject (--subject) or one industry");
    assertThat(dir.resolve("none.zip")).as("nothing half-written").doesNotExist();
    assertThat(dir.resolve("none.zip.partial")).doesNotExist();
    String issues = Cix.run(0, "quality", "list", "--config", config.toString(), "--open");
    assertThat(issues).containsPattern("\\d+\\s+\\S+ \\S+\\s+REJECTED\\s+(bad_check_digit|bad_date|missing_field|not_in_code_list)");
    java.util.regex.Matcher issue = java.util.regex.Pattern.compile("\"id\": \"(\\d+)\"")
        .matcher(Cix.run(0, "quality", "list", "--config", config.toString(), "--open", "--json"));
    assertThat(issue.find()).isTrue();
    assertThat(Cix.run(0, "quality", "resolve", "--config", config.toString(), issue.group(1), "--note",
        "已退回部门更正")).containsPattern("resolution\\s+已退回部门更正");
    assertThat(Cix.run(1, "quality", "resolve", "--config", config.toString(), issue.group(1), "--note", "x"))
        .contains("was resolved already: 已退回部门更正");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Cix.run(0, "quality", "departments",
        "--config", config.toString())).containsPattern("\\d{3}\\s+\\d+\\s+(bad_|missing_|not_in)"));
    assertThat(Cix.run(0, "grant", "list", "--config", config.toString())).contains("no grants issued by this node");
    assertThat(Cix.run(0, "grant", "issue", "--config", config.toString(), "--to", "sh-huangpu", "--types",
        "credit-rating", "--purpose", "信用监管", "--from", "2026-01-01", "--until", "2099-12-31"))
        .containsPattern("1\\s+sh-huangpu\\s+credit-rating\\s+信用监管\\s+masked\\s+2026-01-01\\s+2099-12-31\\s+in force");
    assertThat(Cix.run(1, "grant", "issue", "--config", config.toString(), "--to", "sh-huangpu", "--types",
        "gossip", "--purpose", "x", "--until", "2099-12-31")).contains("'gossip' is not a type of the catalog");
    assertThat(Cix.run(1, "grant", "issue", "--config", config.toString(), "--to", "sh-huangpu", "--purpose", "x",
        "--until", "next year")).contains("valid_until: expected a date yyyy-MM-dd, got 'next year'");
    assertThat(Cix.run(0, "grant", "revoke", "--config", config.toString(), "1")).containsPattern("1\\s+sh-huangpu.*revoked");
    assertThat(Cix.run(1, "grant", "revoke", "--config", config.toString(), "1")).contains("no grant 1 in force to revoke");
    assertThat(Cix.run(0, "grant", "list", "--config", config.toString(), "--json")).contains("\"revokedAtMillis\": \"");
    assertThat(Cix.run(0, "audit", "list", "--config", config.toString()))
        .containsPattern("\\d+\\s+\\S+ \\S+\\s+operator \\S+ \\(admin port\\)\\s+check\\s+" + subject + "\\s+action=public-procurement.bid")
        .containsPattern("admin\\s+grant.issue\\s+-\\s+grant 1 to sh-huangpu")
        .containsPattern("admin\\s+grant.revoke\\s+-\\s+grant 1");
    assertThat(Cix.run(0, "stats", "--config", config.toString())).contains("nothing exchanged");
    assertThat(Cix.run(0, "stats", "--config", config.toString(), "--json")).as("no flows")
        .doesNotContain("\"links\"").contains("\"restrictions\"");
    assertThat(Cix.run(0, "stats", "--config", config.toString()))
        .containsPattern("310101 上海市黄浦区\\s+administrative-penalty\\s+\\d+\\s+\\d+");
    assertThat(Cix.run(1, "stats", "--config", config.toString(), "--since", "last week"))
        .contains("--since: expected a date yyyy-MM-dd, got 'last week'");
    assertThat(Cix.run(0, "audit", "verify", "--config", config.toString()))
        .containsPattern("audit log unbroken: \\d+ entries, head [0-9a-f]{64}");
    assertThat(Cix.run(1, "record", "history", "--config", config.toString(), "not-an-id"))
        .contains("'not-an-id' is not a record id");
    assertThat(Cix.run(0, "status", "--config", config.toString())).containsPattern("records\\s+3\\d\\d \\(");

    assertThat(Cix.run(1, "node", "export", "--config", config.toString(), "--out",
        dir.resolve("running.export").toString())).as("issue 23: not 'another node is using this data directory'")
        .contains("node sh is running (process").contains("stop it first (SIGTERM), then export it");
    Path backup = dir.resolve("sh.backup");
    String backedUp = Cix.run(0, "node", "backup", "--config", config.toString(), "--out", backup.toString());
    java.util.regex.Matcher digest = java.util.regex.Pattern.compile("backed up the running node to \\S*sh.backup: "
        + "[\\d,]+ rows in \\d+ tables \\(3\\d\\d record versions\\), [\\d,]+ bytes; versions digest ([0-9a-f]{64})")
        .matcher(backedUp);
    assertThat(digest.find()).as("issue 22: a backup while it runs; " + backedUp).isTrue();
    assertThat(Files.getPosixFilePermissions(backup)).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    assertThat(node.stop(30)).isZero();
    assertThat(RunFile.in(dir.resolve("data"))).doesNotExist();
    assertThat(Files.readString(dir.resolve("sh.log"))).contains("stop requested").contains("stopped");
    assertThat(Cix.run(1, "status", "--config", config.toString())).contains("node is not running");
    assertThat(Cix.run(0, "node", "compact", "--config", config.toString()))
        .containsPattern("compacted .*: [\\d,]+ bytes, was [\\d,]+");
    Path restored = dir.resolve("restored.yaml");
    Files.writeString(restored, Files.readString(config).replace("data: data", "data: restored"));
    assertThat(Cix.run(0, "node", "restore", "--config", restored.toString(), backup.toString()))
        .contains("counts and versions digest " + digest.group(1) + " match the export");

    java.nio.charset.Charset bytes = java.nio.charset.StandardCharsets.ISO_8859_1;
    assertThat(new String(Files.readAllBytes(dir.resolve("data/cix.mv.db")), bytes))
        .as("encrypted at rest: not even the node's own id in clear")
        .doesNotContain(new String("sh-huangpu".getBytes(java.nio.charset.StandardCharsets.UTF_8), bytes));
    // an attacker with the node directory's storage.key and write access to the data directory
    try (org.cix.storage.Database database = org.cix.storage.Database.openH2(dir.resolve("data"),
        org.cix.storage.StorageKey.read(dir.resolve("sh")));
        var c = database.dataSource().getConnection(); var s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE audit_log SET detail = 'action=bond-issuance' WHERE seq = 2")).isOne();
    }
    node = NodeProcess.start(new DemoNode("sh", "3101", Optional.empty()), config, dir.resolve("sh.log"));
    await().atMost(Duration.ofSeconds(60)).until(() -> node.runFile(dir.resolve("data")).isPresent());
    assertThat(Cix.run(1, "audit", "verify", "--config", config.toString()))
        .contains("audit log BROKEN at entry 2: entry 2 was changed after it was written")
        .contains("(1 verified before it, up to ");
  }
}
