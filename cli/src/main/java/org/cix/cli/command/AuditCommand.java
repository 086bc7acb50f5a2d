package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditEntryInfo;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.WitnessedHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix audit}: the node's hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit log: checks, grants, questions about natural persons, each chained to the entry "
        + "before it by its hash.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Reads the whole log and checks every link of the chain and every head the parent "
          + "countersigned; exit 1 and the first broken entry if it does not hold. Lists the children's heads "
          + "countersigned here.")
  static final class Verify extends NodeAnswer {
    @Override
    public Integer call() throws InvalidProtocolBufferException {
      AuditReport report = node.ask(c -> c.trust().verifyAudit());
      print(report, (r, out) -> {
        if (r.getIntact()) {
          out.printf("audit log unbroken: %,d entries, head %s%n", r.getEntries(), r.getHead());
        } else {
          out.printf("audit log BROKEN at entry %d: %s (%,d verified before it, up to %s)%n",
              r.getFirstBadSeq(), r.getWhy(), r.getEntries(), r.getHead());
        }
        if (r.getCountersigned().getSeq() > 0) {
          WitnessedHead h = r.getCountersigned();
          out.printf("countersigned by %s up to entry %,d (%s Beijing time)%n", h.getWitness(), h.getSeq(),
              TextTable.beijing(h.getWitnessedAtMillis()));
        }
        if (r.getChildrenCount() > 0) {
          out.println("children's audit heads countersigned here:");
          List<String[]> rows = new ArrayList<>();
          rows.add(new String[] {"NODE", "ENTRY", "HASH", "COUNTERSIGNED"});
          for (WitnessedHead h : r.getChildrenList()) {
            rows.add(new String[] {h.getNodeId(), String.format("%,d", h.getSeq()), h.getHash().substring(0, 16),
                TextTable.beijing(h.getWitnessedAtMillis())});
          }
          TextTable.print(rows, out);
        }
      });
      return report.getIntact() ? 0 : 1;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest entries, oldest first.")
  static final class ListEntries extends NodeAnswer {
    @Option(names = "--limit", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      AuditEntries entries = node.ask(client -> client.trust().listAudit(limit));
      print(entries, AuditCommand::print);
      return 0;
    }
  }

  static void print(AuditEntries entries, PrintWriter out) {
    if (entries.getEntriesCount() == 0) {
      out.println("the audit log is empty");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAIL"});
    for (AuditEntryInfo e : entries.getEntriesList()) {
      rows.add(new String[] {Long.toString(e.getSeq()), TextTable.beijing(e.getAtMillis()),
          e.getActor(), e.getAction(), e.getSubject().isEmpty() ? "-" : e.getSubject(), e.getDetail()});
    }
    TextTable.print(rows, out);
  }
}
