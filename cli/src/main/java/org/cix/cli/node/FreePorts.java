package org.cix.cli.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.cix.core.error.CixException;

/**
 * A node's fixed ports, tried before anything is made: a start that cannot listen fails before it
 * creates or migrates its data directory. (Port 0 takes any free port and needs no trial; a port
 * taken between the trial and the start still fails the start, with the same words.)
 */
public final class FreePorts {
  private FreePorts() {}

  /** Each address by what it serves; refused with every busy one named. */
  public static void require(Map<String, InetSocketAddress> ports) {
    StringBuilder busy = new StringBuilder();
    for (Map.Entry<String, InetSocketAddress> port : ports.entrySet()) {
      InetSocketAddress address = port.getValue();
      if (address.getPort() == 0) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(address);
      } catch (IOException e) {
        busy.append(busy.length() == 0 ? "" : "; ").append(address.getHostString()).append(':')
            .append(address.getPort()).append(" (").append(port.getKey()).append("): ")
            .append(e.getMessage().replaceFirst(" \\(.*", ""));
      }
    }
    if (busy.length() > 0) {
      throw CixException.preconditionFailed("cannot listen on " + busy + ". Is another node or program using "
          + "the port? Nothing was started or created.");
    }
  }
}
