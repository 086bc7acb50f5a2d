package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cix.proto.v1.GrantInfo;
import org.cix.proto.v1.GrantList;
import org.cix.proto.v1.IssueGrantRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix grant}: the grants this node issues for conditional data and personal data. */
@Command(name = "grant", mixinStandardHelpOptions = true,
    description = "Grants of this node: which other node may receive conditional record types (and natural "
        + "persons' data unmasked) for which purpose, over which period.",
    subcommands = {GrantCommand.Issue.class, GrantCommand.ListGrants.class, GrantCommand.Revoke.class})
public final class GrantCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "issue", mixinStandardHelpOptions = true, description = "Issues a grant; prints it with its id.")
  static final class Issue extends NodeCall {
    @Option(names = "--to", required = true, paramLabel = "NODE", description = "The node the grant is for.")
    String grantee;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
        description = "Record types (comma-separated); default: every conditional type.")
    List<String> types = new ArrayList<>();

    @Option(names = "--purpose", required = true, paramLabel = "TEXT",
        description = "The purpose, as the receiving node states it in its questions (e.g. 信用监管).")
    String purpose;

    @Option(names = "--personal", description = "Natural persons' identifiers and names unmasked.")
    boolean personal;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (yyyy-MM-dd); default: today.")
    String from = "";

    @Option(names = "--until", required = true, paramLabel = "DATE", description = "Last day (yyyy-MM-dd).")
    String until;

    @Override
    public Integer call() {
      GrantInfo grant = node.ask(client -> client.access().issueGrant(IssueGrantRequest.newBuilder().setGrantee(grantee)
          .addAllTypes(types).setPurpose(purpose).setPersonal(personal).setValidFrom(from).setValidUntil(until)
          .build()));
      print(List.of(grant), out());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every grant, revoked ones included.")
  static final class ListGrants extends NodeAnswer {
    @Override
    public Integer call() throws InvalidProtocolBufferException {
      GrantList grants = node.ask(c -> c.access().listGrants());
      print(grants, (list, out) -> {
        if (list.getGrantsCount() == 0) {
          out.println("no grants issued by this node");
        } else {
          GrantCommand.print(list.getGrantsList(), out);
        }
      });
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a grant at once.")
  static final class Revoke extends NodeCall {
    @Parameters(paramLabel = "ID", description = "The grant's id (cix grant list).")
    long id;

    @Override
    public Integer call() {
      GrantInfo grant = node.ask(client -> client.access().revokeGrant(id));
      print(List.of(grant), out());
      return 0;
    }
  }

  static void print(List<GrantInfo> grants, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "TO", "TYPES", "PURPOSE", "PERSONAL", "FROM", "UNTIL", "STATE"});
    for (GrantInfo g : grants) {
      String state = g.getRevokedAtMillis() != 0 ? "revoked " + Instant.ofEpochMilli(g.getRevokedAtMillis())
          : g.getInForce() ? "in force" : "not in force today";
      rows.add(new String[] {Long.toString(g.getId()), g.getGrantee(),
          g.getTypesCount() == 0 ? "(every conditional type)" : String.join(",", g.getTypesList()), g.getPurpose(),
          g.getPersonal() ? "unmasked" : "masked", g.getValidFrom(), g.getValidUntil(), state});
    }
    TextTable.print(rows, out);
  }
}
