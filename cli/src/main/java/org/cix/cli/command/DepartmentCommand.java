package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.proto.v1.DepartmentInfo;
import org.cix.proto.v1.DepartmentList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix department}: the departments this node speaks for, and those of the other nodes. */
@Command(name = "department", mixinStandardHelpOptions = true,
    description = "The department registry: the departments whose decisions a node may record (by USCC, inside "
        + "its jurisdiction) and the record types each may decide. Every node receives every registration and "
        + "refuses records naming a department their origin did not register.",
    subcommands = {DepartmentCommand.Add.class, DepartmentCommand.Withdraw.class, DepartmentCommand.ListAll.class})
public final class DepartmentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Registers a department of this node (or changes its name or types); prints the registration.")
  static final class Add extends NodeCall {
    @Parameters(paramLabel = "USCC", description = "The department's Unified Social Credit Code.")
    String uscc;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name (e.g. 朝阳区市场监督管理局).")
    String name;

    @Option(names = "--types", required = true, split = ",", paramLabel = "TYPE",
        description = "Record types it may decide (comma-separated, e.g. administrative-penalty,serious-dishonesty).")
    List<String> types = new ArrayList<>();

    @Override
    public Integer call() {
      DepartmentInfo registered = node.ask(client -> client.access().registerDepartment(uscc, name, types));
      print(List.of(registered), out());
      return 0;
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true,
      description = "Withdraws a registration of this node: new records of the department are refused; earlier "
          + "ones stay valid everywhere.")
  static final class Withdraw extends NodeCall {
    @Parameters(paramLabel = "USCC", description = "The department's USCC.")
    String uscc;

    @Override
    public Integer call() {
      DepartmentInfo withdrawn = node.ask(client -> client.access().withdrawDepartment(uscc));
      print(List.of(withdrawn), out());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every registration this node holds: its own and the other nodes'.")
  static final class ListAll extends NodeAnswer {
    @Override
    public Integer call() throws InvalidProtocolBufferException {
      DepartmentList held = node.ask(c -> c.access().listDepartments());
      print(held, (list, out) -> {
        if (list.getDepartmentsCount() == 0) {
          out.println("no departments registered: a node ingests records only of departments it registered "
              + "(cix department add)");
        } else {
          DepartmentCommand.print(list.getDepartmentsList(), out);
        }
      });
      return 0;
    }
  }

  static void print(List<DepartmentInfo> departments, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"USCC", "NAME", "NODE", "MAY DECIDE", "REGISTERED", "STATE"});
    for (DepartmentInfo d : departments) {
      rows.add(new String[] {d.getUscc(), d.getName(), d.getNode(), String.join(",", d.getRecordTypesList()),
          d.getRegisteredDate(), d.getWithdrawnDate().isEmpty() ? "in force" : "withdrawn " + d.getWithdrawnDate()});
    }
    TextTable.print(rows, out);
  }
}
