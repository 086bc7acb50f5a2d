package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cix.cli.node.NodeAdmin;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix status}: a running node's identity, uptime and links. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a running node's identity, uptime and every link (asks the node over its admin port).")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's YAML file.")
  Path config;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws InvalidProtocolBufferException {
    NodeStatus status;
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(5))) {
      status = client.status();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonFormat.printer().print(status));
    } else {
      StatusTable.print(status, System.currentTimeMillis(), out);
    }
    return 0;
  }
}
