package org.cix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

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
}
