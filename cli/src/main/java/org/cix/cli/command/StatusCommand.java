package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.concurrent.Callable;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cix status}: a running node's identity, uptime and links. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a running node's identity, uptime and every link (asks the node over its admin port).")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunningNode node;

  @Mixin Output output;

  @Override
  public Integer call() throws InvalidProtocolBufferException {
    NodeStatus status = node.ask(AdminClient::status);
    output.print(status, spec.commandLine().getOut(), (s, out) -> StatusTable.print(s, System.currentTimeMillis(), out));
    return 0;
  }
}
