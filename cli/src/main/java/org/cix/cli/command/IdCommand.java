package org.cix.cli.command;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.IdRejection;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix id}: subject identifiers. */
@Command(name = "id", description = "Subject identifiers (USCC, resident ID number).", mixinStandardHelpOptions = true,
    subcommands = IdCommand.Check.class)
public final class IdCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code cix id check}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Check identifiers; prints one JSON object per line:",
          "{\"id\":…, \"kind\":\"USCC\"|\"RESIDENT_ID\"|null, \"valid\":true|false, \"reason\":…}",
          "(plus \"warning\" when valid with reservations). Reads standard input, one identifier a line, "
              + "when no ID is given. Exit code 0 when all are valid, 1 otherwise."})
  static final class Check implements Callable<Integer> {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Identifiers to check.")
    List<String> ids;

    @Option(names = "--allowlist", paramLabel = "FILE",
        description = "Pilot USCCs accepted despite failing the checks, one a line.")
    Path allowlist;

    @Override
    public Integer call() throws IOException {
      SubjectIds checker = new SubjectIds(Clock.systemUTC(),
          allowlist == null ? PilotAllowlist.empty() : PilotAllowlist.load(allowlist));
      PrintWriter out = spec.commandLine().getOut();
      boolean allValid;
      if (ids == null || ids.isEmpty()) {
        allValid = checkLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), checker, out);
      } else {
        allValid = true;
        for (String id : ids) {
          allValid &= print(checker.check(id), out);
        }
      }
      out.flush();
      return allValid ? 0 : 1;
    }

    /** Checks one identifier a line (blank lines skipped); true when all were valid. */
    static boolean checkLines(BufferedReader in, SubjectIds checker, PrintWriter out) throws IOException {
      boolean allValid = true;
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          allValid &= print(checker.check(line.strip()), out);
        }
      }
      return allValid;
    }

    private static boolean print(IdCheck check, PrintWriter out) {
      JsonObject json = new JsonObject();
      json.addProperty("id", check.input());
      json.addProperty("kind", check.kind().map(Enum::name).orElse(null));
      json.addProperty("valid", check.isValid());
      json.addProperty("reason", check.rejection().map(IdRejection::code).orElse(null));
      check.warning().ifPresent(w -> json.addProperty("warning", w));
      out.println(GSON.toJson(json));
      return check.isValid();
    }
  }
}
