package org.cix.cli.node;

import java.nio.file.Path;
import java.time.Duration;
import org.cix.cli.config.ConfigLoader;
import org.cix.cli.config.NodeConfig;
import org.cix.crypto.pem.PemFiles;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.admin.AdminToken;

/** The admin API of a node running on this machine, found through its configuration file. */
public final class NodeAdmin {
  private NodeAdmin() {}

  public static AdminClient connect(Path configFile, Duration deadline) {
    return connect(ConfigLoader.load(configFile), deadline);
  }

  public static AdminClient connect(NodeConfig config, Duration deadline) {
    RunFile run = RunFile.requireRunning(config.dataDir());
    String token = PemFiles.readSecret(config.keysDir().resolve(AdminToken.FILE));
    return new AdminClient(run.adminPort(), token, deadline);
  }
}
