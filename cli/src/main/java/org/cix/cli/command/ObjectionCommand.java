package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.Field;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix objection}: objections to records, filed anywhere, decided at the record's origin. */
@Command(name = "objection", mixinStandardHelpOptions = true,
    description = "Objections (异议) to credit records: filed at any node, routed to the record's origin, which "
        + "alone decides (UPHELD: the record stands; CORRECTED; REVOKED). Until then the record shows "
        + "'under objection' on every node that holds it.",
    subcommands = {ObjectionCommand.FileObjection.class, ObjectionCommand.ListRequests.class,
        ObjectionCommand.Show.class, ObjectionCommand.Decide.class})
public final class ObjectionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "file", mixinStandardHelpOptions = true,
      description = "Files an objection to a record of a subject; prints the request with its id and deadline.")
  static final class FileObjection extends NodeAnswer {
    @Mixin CorrectionOptions.Filing filing;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "What is wrong with the record.")
    String reason;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      CorrectionInfo filed = node.ask(client -> client.corrections().file(filing.request("OBJECTION", reason).build()));
      print(filed, CorrectionText::details);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The objections known at this node (filed here, decided here, or passing through), the latest "
          + "filed first.")
  static final class ListRequests extends NodeAnswer {
    @Mixin CorrectionOptions.Listing listing;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      return list(this, listing, "OBJECTION");
    }
  }

  static int list(NodeAnswer call, CorrectionOptions.Listing listing, String kind)
      throws InvalidProtocolBufferException {
    call.print(call.node.ask(client -> client.corrections().list(listing.request(kind))), CorrectionText::table);
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One request (objection or repair).")
  static final class Show extends NodeAnswer {
    @Parameters(paramLabel = "ID", description = "The request's id.")
    String id;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      print(node.ask(client -> client.corrections().show(id)), CorrectionText::details);
      return 0;
    }
  }

  @Command(name = "decide", mixinStandardHelpOptions = true,
      description = "Decides an objection to a record this node made; refused at any other node.")
  static final class Decide extends NodeAnswer {
    @Parameters(paramLabel = "ID", description = "The objection's id.")
    String id;

    @Option(names = "--outcome", required = true, paramLabel = "OUTCOME",
        description = "UPHELD (the record stands), CORRECTED (with --set) or REVOKED.")
    String outcome;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "A corrected field, by catalog key (repeat).")
    Map<String, String> corrections = new LinkedHashMap<>();

    @Mixin CorrectionOptions.Deciding deciding;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      return decide(this, id, outcome, corrections, deciding);
    }
  }

  static int decide(NodeAnswer call, String id, String outcome, Map<String, String> corrections,
      CorrectionOptions.Deciding deciding) throws InvalidProtocolBufferException {
    DecideCorrectionRequest.Builder request = DecideCorrectionRequest.newBuilder().setId(id).setOutcome(outcome)
        .setNote(deciding.note).setDecidedBy(RunningNode.USER);
    corrections.forEach((k, v) -> request.addCorrections(Field.newBuilder().setKey(k).setValue(v)));
    call.print(call.node.ask(client -> client.corrections().decide(request.build())), CorrectionText::details);
    return 0;
  }
}
