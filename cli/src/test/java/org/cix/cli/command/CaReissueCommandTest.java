package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cix.cli.Cix;
import org.cix.crypto.pem.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cix ca reissue}: a CA with nothing new to revoke keeps its list from going overdue. */
class CaReissueCommandTest {
  @TempDir Path dir;

  @Test
  void reissue_keepsTheEntries_numbersTheListOneHigher_andDatesItsNextUpdateAYearOn() throws Exception {
    Path root = dir.resolve("root");
    Cix.run("ca", "init", "--out", root.toString(), "--name", "Root");
    Cix.run("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", root.toString(), "--out",
        dir.resolve("bj").toString());
    Cix.run("ca", "revoke", "--ca", root.toString(), "--cert", dir.resolve("bj").resolve("tls.crt").toString(),
        "--reason", "superseded");
    var before = PemFiles.readCrl(root.resolve("crl.pem"));

    assertThat(Cix.run("ca", "reissue", "--ca", root.toString())).contains("1 certificate, next due");

    var after = PemFiles.readCrl(root.resolve("crl.pem"));
    assertThat(after.getRevokedCertificates()).hasSize(1);
    assertThat(after.getThisUpdate()).isAfterOrEqualTo(before.getThisUpdate());
    assertThat(after.getNextUpdate()).isAfterOrEqualTo(before.getNextUpdate());
    assertThat(after.getExtensionValue("2.5.29.20")).as("CRL number").isNotEqualTo(before.getExtensionValue("2.5.29.20"));
  }
}
