package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.cix.cli.Main;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdCommandTest {
  @TempDir Path dir;

  @Test
  void check_arguments_printOneJsonObjectPerLine() {
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "id", "check", "9144030071526726XG", "11010519491231002X", "9144030071526726XH", "abc");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines()).containsExactly(
        "{\"id\":\"9144030071526726XG\",\"kind\":\"USCC\",\"valid\":true,\"reason\":null}",
        "{\"id\":\"11010519491231002X\",\"kind\":\"RESIDENT_ID\",\"valid\":true,\"reason\":null}",
        "{\"id\":\"9144030071526726XH\",\"kind\":\"USCC\",\"valid\":false,\"reason\":\"bad_check_digit\"}",
        "{\"id\":\"abc\",\"kind\":null,\"valid\":false,\"reason\":\"bad_length\"}");
  }

  @Test
  void check_allValid_exitsZero_andAllowlistAddsWarning() throws Exception {
    Path allowlist = dir.resolve("pilots.txt");
    Files.writeString(allowlist, "# early pilot codes\n9144030071526726XH\n");
    StringWriter out = new StringWriter();

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "id", "check", "--allowlist", allowlist.toString(), "9144030071526726XH");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"valid\":true").contains(
        "\"warning\":\"pilot code on the allowlist (fails bad_check_digit)\"");
  }

  @Test
  void checkLines_readsOneIdentifierPerLine_skippingBlanks() throws Exception {
    StringWriter out = new StringWriter();
    boolean allValid = IdCommand.Check.checkLines(new BufferedReader(new StringReader("9144030071526726XG\n\n  x \n")),
        new SubjectIds(Clock.systemUTC(), PilotAllowlist.empty()), new PrintWriter(out, true));

    assertThat(allValid).isFalse();
    assertThat(out.toString().lines()).hasSize(2).last().asString().contains("\"id\":\"x\"");
  }
}
