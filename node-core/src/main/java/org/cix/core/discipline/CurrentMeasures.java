package org.cix.core.discipline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogException;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.error.CixException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measures a node applies now. They come down the tree: a child adopts its parent's set when
 * the versions differ (it arrives in the link handshake), checks it against its own catalog,
 * keeps it for restarts and tells its listeners (which make the node's own children shake hands
 * again, so the set travels on down). The national node applies its configured set.
 */
public final class CurrentMeasures {
  private static final Logger log = LoggerFactory.getLogger(CurrentMeasures.class);

  private final AtomicReference<Measures> current;
  private final Catalog catalog;
  private final MeasuresStore store;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** {@code configured} unless the node adopted a set before (and it still reads with the catalog). */
  public CurrentMeasures(Measures configured, Catalog catalog, MeasuresStore store) {
    this.catalog = catalog;
    this.store = store;
    Measures start = configured;
    Map<String, byte[]> adopted = store.adopted().orElse(Map.of());
    if (!adopted.isEmpty()) {
      try {
        start = MeasuresLoader.load(CatalogSource.of(adopted, "adopted measures"), catalog);
        log.info("applying the measures adopted from the parent, version {}", start.version());
      } catch (CatalogException e) {
        log.warn("the adopted measures no longer read with this catalog; applying the configured ones: {}",
            e.getMessage());
      }
    }
    this.current = new AtomicReference<>(start);
  }

  public Measures get() {
    return current.get();
  }

  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Adopts the parent's set {@code files} (version {@code version}) unless it is the one applied;
   * returns true when it changed. A set that does not hash to its version or does not read with
   * this node's catalog is refused.
   */
  public boolean offer(String version, Map<String, byte[]> files) {
    if (version.equals(current.get().version())) {
      return false;
    }
    Measures offered = MeasuresLoader.load(CatalogSource.of(files, "measures from the parent"), catalog);
    if (!offered.version().equals(version)) {
      throw CixException.invalidInput("the parent's measures hash to " + offered.version() + ", not to " + version);
    }
    synchronized (this) {
      if (offered.version().equals(current.get().version())) {
        return false;
      }
      store.adopt(offered.files());
      current.set(offered);
    }
    log.info("adopted the parent's measures \"{}\" version {} ({} measures)", offered.name(), offered.version(),
        offered.all().size());
    listeners.forEach(Runnable::run);
    return true;
  }
}
