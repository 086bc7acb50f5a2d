package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;
import org.cix.proto.v1.CorrectionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix repair}: credit repair requests, filed anywhere, decided at the record's origin. */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Credit repair (信用修复): ending a record's publicity early once the conditions are met, allowed "
        + "only after the type's minimum publicity period. Filed at any node, decided at the record's origin "
        + "(REPAIRED or REFUSED); a repaired record stops counting everywhere but stays in the store.",
    subcommands = {RepairCommand.Request.class, RepairCommand.ListRequests.class, RepairCommand.Decide.class})
public final class RepairCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "request", mixinStandardHelpOptions = true,
      description = "Requests credit repair of a record; refused before the minimum publicity period has passed, "
          + "with the date it becomes possible.")
  static final class Request extends NodeAnswer {
    @Mixin CorrectionOptions.Filing filing;

    @Option(names = "--conditions", required = true, paramLabel = "TEXT",
        description = "The conditions met, e.g. 'penalty fulfilled; credit commitment signed'.")
    String conditions;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why repair is asked; default: ${DEFAULT-VALUE}.")
    String reason = "信用修复申请 credit repair";

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      CorrectionInfo filed = node.ask(client -> client.corrections().file(filing.request("REPAIR", reason)
          .setConditions(conditions).build()));
      print(filed, CorrectionText::details);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The repair requests known at this node.")
  static final class ListRequests extends NodeAnswer {
    @Mixin CorrectionOptions.Listing listing;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      return ObjectionCommand.list(this, listing, "REPAIR");
    }
  }

  @Command(name = "decide", mixinStandardHelpOptions = true,
      description = "Decides a repair request about a record this node made; refused at any other node.")
  static final class Decide extends NodeAnswer {
    @Parameters(paramLabel = "ID", description = "The request's id.")
    String id;

    @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "REPAIRED or REFUSED.")
    String outcome;

    @Mixin CorrectionOptions.Deciding deciding;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      return ObjectionCommand.decide(this, id, outcome, Map.of(), deciding);
    }
  }
}
