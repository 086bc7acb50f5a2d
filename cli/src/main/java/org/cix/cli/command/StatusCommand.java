package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.NodeStatus;
import picocli.CommandLine.Command;

/** {@code cix status}: a running node's identity, uptime and links. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a running node's identity, uptime and every link (asks the node over its admin port).")
public final class StatusCommand extends NodeAnswer {
  @Override
  public Integer call() throws InvalidProtocolBufferException {
    NodeStatus status = node.ask(AdminClient::status);
    print(status, (s, out) -> StatusTable.print(s, System.currentTimeMillis(), out));
    return 0;
  }
}
