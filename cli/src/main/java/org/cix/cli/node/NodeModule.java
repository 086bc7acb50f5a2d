package org.cix.cli.node;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import org.cix.cli.config.NodeConfig;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.storage.JdbcStores;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.admin.AdminToken;

/** Wiring of a node process. No I/O here: key material is read when first provided. */
public final class NodeModule extends AbstractModule {
  private final NodeConfig config;
  private final Clock clock;

  public NodeModule(NodeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  protected void configure() {
    binder().requireExplicitBindings();
    binder().disableCircularProxies();
    bind(NodeConfig.class).toInstance(config);
    bind(Clock.class).toInstance(clock);
    bind(Node.class);
  }

  @Provides
  @Singleton
  NodeKeyMaterial keyMaterial(NodeConfig config, Clock clock) {
    return NodeKeyMaterial.load(config.keysDir(), clock);
  }

  @Provides
  @Singleton
  Catalog catalog(NodeConfig config) {
    return CatalogLoader.load(config.catalogDir().map(CatalogSource::directory).orElse(CatalogSource.standard()));
  }

  @Provides
  @Singleton
  Measures measures(NodeConfig config, Catalog catalog) {
    return MeasuresLoader.load(config.measuresDir().map(CatalogSource::directory).orElse(MeasuresLoader.standard()),
        catalog);
  }

  @Provides
  @Singleton
  JdbcStores stores(NodeConfig config) {
    return NodeStorage.stores(config);
  }

  @Provides
  @Singleton
  NodeServices services(NodeConfig config, Catalog catalog, Measures measures, NodeKeyMaterial keys,
      JdbcStores stores, Clock clock) {
    PilotAllowlist pilots = config.pilotAllowlist().map(PilotAllowlist::load).orElse(PilotAllowlist.empty());
    return config.frontEnd().isPresent()
        ? NodeServices.assembleFrontEnd(catalog, measures, keys, stores.node(), pilots, clock)
        : NodeServices.assemble(catalog, measures, keys, stores.node(), pilots, clock);
  }

  @Provides
  @Singleton
  AdminCredential adminCredential(NodeConfig config) {
    return new AdminCredential(PemFiles.readSecret(config.keysDir().resolve(AdminToken.FILE)));
  }

  /** The admin token of this node. */
  public record AdminCredential(String token) {}
}
