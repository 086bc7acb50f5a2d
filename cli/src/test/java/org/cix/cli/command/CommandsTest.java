package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.cix.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKI commands as an operator types them: output, files, errors and exit codes. */
class CommandsTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result cix(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void caAndNodeInit_buildAHierarchy() throws Exception {
    Result ca = cix("ca", "init", "--out", path("root"), "--name", "National Credit Root");
    assertThat(ca.code()).isZero();
    assertThat(ca.out()).contains("national root CA \"National Credit Root\" created").contains("SHA-256");

    Result city = cix("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", path("root"), "--out", path("bj"));
    assertThat(city.code()).as(city.err()).isZero();
    assertThat(city.out()).contains("1101 北京市 (city)").contains("issues for children: yes");

    Result district = cix("node", "init", "--id", "bj-chaoyang", "--jurisdiction", "110105", "--ca", path("bj"),
        "--out", path("bj-chaoyang"));
    assertThat(district.code()).as(district.err()).isZero();
    assertThat(district.out()).contains("issued by     CN=bj CA").contains("issues for children: no");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bj-chaoyang/admin.token"))))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("bj-chaoyang/ca.key")).doesNotExist();
    for (String secret : new String[] {"bj-chaoyang/storage.key", "bj-chaoyang"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret)))).as(secret)
          .isEqualTo(secret.contains("/") ? "rw-------" : "rwx------");
    }
  }

  @Test
  void nodeInit_badInput_failsWithOneLineAndExitCode1() {
    cix("ca", "init", "--out", path("root"), "--name", "Root");
    cix("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", path("root"), "--out", path("bj"));

    assertFailure(cix("node", "init", "--id", "tj-heping", "--jurisdiction", "120101", "--ca", path("bj"),
        "--out", path("tj")), "CA of jurisdiction 1101 cannot issue for jurisdiction 120101");
    assertFailure(cix("node", "init", "--id", "x", "--jurisdiction", "119999", "--ca", path("root"),
        "--out", path("x")), "unknown region code '119999'");
    assertFailure(cix("node", "init", "--id", "Bad_Id", "--jurisdiction", "1101", "--ca", path("root"),
        "--out", path("y")), "bad node id 'Bad_Id'");
    assertFailure(cix("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", path("root"),
        "--out", path("bj")), "bj: already exists; refusing to overwrite keys");
    assertFailure(cix("node", "init", "--id", "q", "--jurisdiction", "1101", "--ca", path("nowhere"),
        "--out", path("q")), "nowhere: no such CA directory");
    assertFailure(cix("node", "init", "--id", "sh", "--jurisdiction", "1101", "--ca", path("bj"),
        "--out", path("sh")), "node id 'sh' is outside the namespace of CA bj, which issues only ids bj-<name>");
    assertFailure(cix("node", "init", "--id", "cn", "--jurisdiction", "110105", "--ca", path("bj"),
        "--out", path("cn")), "node id 'cn' is outside the namespace of CA bj");
    assertThat(dir.resolve("tj")).doesNotExist();
    assertThat(dir.resolve("sh")).doesNotExist();
  }

  @Test
  void nodeStart_brokenKey_failsNamingTheFile() throws Exception {
    cix("ca", "init", "--out", path("root"), "--name", "Root");
    cix("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", path("root"), "--out", path("bj"));
    Files.writeString(dir.resolve("bj/tls.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    Path config = dir.resolve("bj.yaml");
    Files.writeString(config, "node:\n  keys: bj\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\n");

    assertFailure(cix("node", "start", "--config", config.toString()), dir.resolve("bj/tls.key") + ": ");
  }

  @Test
  void nodeStart_onABusyPort_failsBeforeMakingItsDataDirectory() throws Exception {
    cix("ca", "init", "--out", path("root"), "--name", "Root");
    cix("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", path("root"), "--out", path("bj"));
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path config = dir.resolve("bj.yaml");
      Files.writeString(config, "node:\n  keys: bj\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: "
          + taken.getLocalPort() + "\n");
      assertFailure(cix("node", "start", "--config", config.toString()), "cannot listen on 127.0.0.1:"
          + taken.getLocalPort() + " (federation)");
      assertThat(dir.resolve("data")).as("issue 23: not created, not migrated").doesNotExist();
    }
  }

  @Test
  void nodeStart_badConfig_listsEveryError() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "listen:\n  port: -1\ncolour: blue\n");

    Result result = cix("node", "start", "--config", config.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("3 errors").contains("node: required").contains("listen.port: -1 is out of range")
        .contains("colour: unknown key").doesNotContain("Exception");
  }

  @Test
  void catalog_standard_listsTypesAndVersion_brokenOne_listsErrors() throws Exception {
    Result standard = cix("catalog");
    assertThat(standard.code()).isZero();
    assertThat(standard.out()).containsPattern("version [0-9a-f]{64}")
        .containsPattern("administrative-penalty v1\\s+行政处罚\\s+30\\s+decision_number \\+ authority_uscc");

    Files.createDirectories(dir.resolve("catalog"));
    Files.writeString(dir.resolve("catalog/catalog.yaml"), "name: broken\ntypes: [nothing.yaml]\nowner: me\n");
    Result broken = cix("catalog", "--dir", path("catalog"));
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.err()).contains("2 errors in the catalog").contains("catalog.yaml: owner: unknown key")
        .contains("nothing.yaml: file not found");
  }

  @Test
  void catalogShow_listsEveryFieldOfAType_withItsNames_andRefusesAnUnknownType() {
    Result shown = cix("catalog", "show", "serious-dishonesty");
    assertThat(shown.code()).isZero();
    assertThat(shown.out()).containsPattern("listing_authority_uscc\\s+认定部门统一社会信用代码\\s+Listing department USCC\\s+uscc\\s+yes")
        .containsPattern("subject_category\\s+主体类别\\s+Subject category\\s+code\\s+yes\\s+法人及非法人组织、自然人、个体工商户")
        .contains("public        from listing_date until removal_date or planned_end");
    assertThat(cix("catalog", "show", "administrative-penalty").out())
        .contains("requires      fine_amount when penalty_category holds 罚款");
    Result unknown = cix("catalog", "show", "blacklist");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no record type 'blacklist'; the types are: ");
  }

  @Test
  void unknownCommand_isAUsageError() {
    Result result = cix("bogus");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Unmatched argument");
  }

  private static void assertFailure(Result result, String message) {
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("cix: ").contains(message).doesNotContain("\tat ");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void rootRotation_asTheRunbookTypesIt() throws Exception {
    cix("ca", "init", "--out", path("root"), "--name", "Root A");
    cix("node", "init", "--id", "cn", "--jurisdiction", "", "--ca", path("root"), "--out", path("cn"));
    cix("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", path("cn"), "--out", path("bj"));

    Result rotated = cix("ca", "rotate", "--ca", path("root"), "--name", "Root B", "--out", path("root-b"));
    assertThat(rotated.code()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("new national root \"Root B\"").contains("cix node trust --node NODE_DIR");
    assertFailure(cix("node", "trust", "--node", path("bj"), "--add", path("root-b/ca.crt"), "--cross",
        path("root/ca.crt")), "the cross certificate is not for the new root");
    for (String node : new String[] {"cn", "bj"}) {
      Result trusted = cix("node", "trust", "--node", path(node), "--add", path("root-b/ca.crt"), "--cross",
          path("root-b/cross.crt"));
      assertThat(trusted.code()).as(trusted.err()).isZero();
      assertThat(trusted.out()).contains("CN=Root A,O=cix").contains("CN=Root B,O=cix");
    }

    Result request = cix("node", "renewal-request", "--node", path("cn"));
    assertThat(request.code()).as(request.err()).isZero();
    Result signed = cix("ca", "sign", "--ca", path("root-b"), "--request",
        path("cn/renewal-request/enrol-request.pem"), "--out", path("answer-cn"));
    assertThat(signed.code()).as(signed.err()).isZero();
    Result accepted = cix("node", "accept", "--answer", path("answer-cn"), "--node", path("cn"));
    assertThat(accepted.code()).as(accepted.err()).isZero();
    assertThat(dir.resolve("cn/renewal-request")).doesNotExist();

    String oldRoot = org.cix.crypto.pki.Fingerprints.sha256(
        org.cix.crypto.pem.PemFiles.readCertificates(dir.resolve("root/ca.crt")).get(0));
    assertFailure(cix("node", "trust", "--node", path("bj"), "--retire", oldRoot), "still needed");
  }

  @Test
  void withoutConfig_commandsLookAtCixConfig_andSayHowToNameTheFile() {
    String missing = path("nowhere.yaml");
    System.setProperty("CIX_CONFIG", missing);
    try {
      Result result = cix("status");
      assertThat(result.code()).isEqualTo(1);
      assertThat(result.err()).contains(missing).contains("file not found (name it with --config FILE or CIX_CONFIG)");
    } finally {
      System.clearProperty("CIX_CONFIG");
    }
    Result standard = cix("status");
    assertThat(standard.code()).isEqualTo(1);
    assertThat(standard.err()).contains(ConfigFile.STANDARD);
  }
}
