package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.cix.proto.v1.RowReject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectReportTest {
  @TempDir Path dir;

  @Test
  void anIngestWithoutRejects_leavesNoReport_andRemovesAnOldOne() throws Exception {
    Path prefix = dir.resolve("penalties.csv");
    Files.writeString(dir.resolve("penalties.csv.rejects.csv"), "left by an earlier ingest");

    try (RejectReport report = RejectReport.open(prefix)) {
      assertThat(report.csv()).doesNotExist();
    }

    assertThat(dir.resolve("penalties.csv.rejects.csv")).doesNotExist();
    assertThat(dir.resolve("penalties.csv.rejects.json")).doesNotExist();
  }

  @Test
  void rejects_areWrittenToOwnerOnlyCsvAndJson() throws Exception {
    RejectReport report = RejectReport.open(dir.resolve("penalties.csv"));
    report.add(RowReject.newBuilder().setRow(7).setField("subject_id").setCode("bad_check_digit")
        .setMessage("校验码错误").build());
    report.close();

    assertThat(Files.readString(report.csv(), StandardCharsets.UTF_8)).contains("7,,subject_id,bad_check_digit,校验码错误");
    assertThat(Files.readString(report.json(), StandardCharsets.UTF_8)).contains("\"reason\": \"bad_check_digit\"");
    for (Path file : new Path[] {report.csv(), report.json()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }
}
