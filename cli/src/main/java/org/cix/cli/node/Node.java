package org.cix.cli.node;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import org.cix.cli.config.NodeConfig;
import org.cix.core.catalog.Catalog;
import org.cix.core.node.NodeServices;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.frontend.FrontEnd;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.FederationSettings;
import org.cix.storage.JdbcStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running node: its network side and its run file. */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final NodeKeyMaterial keys;
  private final NodeModule.AdminCredential admin;
  private final NodeServices services;
  private final Clock clock;
  private FederationNode federation;

  private final JdbcStores stores;

  @Inject
  Node(NodeConfig config, NodeKeyMaterial keys, NodeModule.AdminCredential admin, NodeServices services,
      JdbcStores stores, Clock clock) {
    this.stores = Objects.requireNonNull(stores);
    this.config = Objects.requireNonNull(config);
    this.keys = Objects.requireNonNull(keys);
    this.admin = Objects.requireNonNull(admin);
    this.services = Objects.requireNonNull(services);
    this.clock = Objects.requireNonNull(clock);
  }

  public synchronized void start() {
    try {
      PrivateFiles.createDirectory(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
    }
    Catalog catalog = services.catalog();
    log.info("catalog \"{}\" version {}: {} record types", catalog.name(), catalog.version(), catalog.types().size());
    var measures = services.discipline().measures();
    log.info("measures \"{}\" version {}: {} measures over {} actions", measures.name(), measures.version(),
        measures.all().size(), measures.actions().size());
    log.info("store: {}", services.store().counts());
    FederationSettings settings = config.federationSettings();
    if (config.frontEnd().isPresent()) {
      settings = settings.asFrontEnd(new FrontEnd(config.frontEnd().get().maxLag(), stores.lag()));
    }
    federation = FederationNode.start(keys, admin.token(), services, settings, clock);
    new RunFile(keys.nodeId(), ProcessHandle.current().pid(), federation.federationPort(), federation.adminPort(),
        federation.departmentPort(), federation.departmentHttpPort()).write(config.dataDir());
    log.info("node {} ({}) is up: federation port {}, admin port {} on loopback{}",
        keys.nodeId(), federation.identity().jurisdiction().name(), federation.federationPort(),
        federation.adminPort(), federation.departmentPort() < 0 ? "" : ", department API port "
            + federation.departmentPort() + (federation.departmentHttpPort() < 0 ? ""
            : " (HTTP/JSON " + federation.departmentHttpPort() + ")"));
  }

  public synchronized FederationNode federation() {
    return federation;
  }

  @Override
  public synchronized void close() {
    if (federation != null) {
      RunFile.delete(config.dataDir());
      federation.close();
      federation = null;
    }
    stores.close();
  }
}
