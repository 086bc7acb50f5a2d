package org.cix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.TreeSet;
import org.cix.core.synthetic.SyntheticDepartments;

/** Runs {@code cix} commands in this JVM for tests. */
public final class Cix {
  private Cix() {}

  /** Runs {@code cix args}, asserts the exit code, and returns what it printed (standard output, then errors). */
  public static String run(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(code).as(err.toString()).isEqualTo(expectedCode);
    return out + err.toString();
  }

  /** Runs {@code cix args}, which must succeed. */
  public static String run(String... args) {
    return run(0, args);
  }

  /**
   * Registers at the node of {@code config} the department the generated penalty and listing
   * exports of {@code district} name (its market regulation bureau) with {@code cix department add},
   * as an operator does before the first ingest: one record more at the node.
   */
  public static void registerDepartment(Path config, String district) {
    SyntheticDepartments.Kind kind = SyntheticDepartments.Kind.MARKET_REGULATION;
    String uscc = SyntheticDepartments.uscc(district, kind);
    assertThat(run("department", "add", uscc, "--config", config.toString(), "--name",
        SyntheticDepartments.name(district, kind), "--types", String.join(",", new TreeSet<>(kind.types()))))
        .contains(uscc).contains("in force");
  }
}
