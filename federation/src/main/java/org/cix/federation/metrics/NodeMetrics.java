package org.cix.federation.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.cix.crypto.pki.CertificateExpiry;
import org.cix.federation.tls.TlsContexts;
import java.util.function.Supplier;
import org.cix.core.discipline.Decision;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.quality.DepartmentQuality;
import org.cix.core.store.StoreCounts;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;

/**
 * The node's Prometheus metrics: link state and backlog, records sent, received and refused per
 * link, records held, certificate expiry, open data-quality issues per department, ingested rows
 * by outcome and the last ingest, checks by decision, and the JVM's (heap, GC, threads). Links and the store are read
 * when scraped; ingest and checks are counted as they happen. The endpoint is off unless
 * configured, and binds where it is told (loopback by default).
 */
public final class NodeMetrics implements AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter ingested;
  private final Counter checks;
  private final Gauge lastIngest;
  private final Clock clock;
  private HTTPServer server;

  /**
   * @param sync the links as {@code cix sync status} shows them, read at each scrape
   * @param store the store's counts, read at each scrape
   * @param duplicateIdentities streams refused because another process presented the same node
   * @param certificates the node's certificates and when they expire
   * @param quality the data-quality queue per department, read at each scrape
   */
  public NodeMetrics(Supplier<SyncOverview> sync, Supplier<StoreCounts> store, LongSupplier duplicateIdentities,
      Supplier<List<CertificateExpiry>> certificates, Supplier<List<DepartmentQuality>> quality, Clock clock) {
    this.clock = clock;
    JvmMetrics.builder().register(registry);
    GaugeWithCallback.builder().name("cix_quality_open")
        .help("Data-quality issues open in the queue, per department (cix quality list)").labelNames("department")
        .callback(cb -> quality.get().forEach(d -> cb.call(d.open(), d.department()))).register(registry);
    GaugeWithCallback.builder().name("cix_certificate_expiry_seconds")
        .help("Seconds until the node's certificate expires (tls, seal, issuer, root); alert below 30 days")
        .labelNames("certificate").callback(cb -> certificates.get().forEach(c -> cb.call(
            Duration.between(clock.instant(), c.notAfter()).toSeconds(), c.which()))).register(registry);
    CounterWithCallback.builder().name("cix_duplicate_identity_refusals")
        .help("Streams refused since the node started because another process presented the same node id")
        .callback(cb -> cb.call(duplicateIdentities.getAsLong())).register(registry);
    CounterWithCallback.builder().name("cix_tls_handshakes_refused")
        .help("TLS handshakes refused for the peer's certificate (unknown CA, expired, revoked, against the rules)")
        .callback(cb -> cb.call(TlsContexts.refusedHandshakes())).register(registry);
    GaugeWithCallback.builder().name("cix_link_up").help("1 when the link to the neighbour is up, else 0")
        .labelNames("peer", "role").callback(cb -> sync.get().getLinksList().forEach(l -> cb.call(
            l.getState().name().endsWith("UP") ? 1 : 0, l.getPeerNodeId(), role(l)))).register(registry);
    GaugeWithCallback.builder().name("cix_link_backlog").help("Change-log entries after what the neighbour acknowledged")
        .labelNames("peer").callback(cb -> sync.get().getLinksList().forEach(l -> cb.call(l.getBacklog(),
            l.getPeerNodeId()))).register(registry);
    CounterWithCallback.builder().name("cix_records_sent")
        .help("Records sent to the neighbour and acknowledged (kept across restarts)")
        .labelNames("peer").callback(cb -> sync.get().getLinksList().forEach(l -> cb.call(l.getRecordsSent(),
            l.getPeerNodeId()))).register(registry);
    CounterWithCallback.builder().name("cix_records_received")
        .help("Records received from the neighbour and stored (kept across restarts)").labelNames("peer")
        .callback(cb -> sync.get().getLinksList().forEach(l -> cb.call(l.getRecordsReceived(), l.getPeerNodeId())))
        .register(registry);
    CounterWithCallback.builder().name("cix_records_refused")
        .help("Records from the neighbour refused (kept across restarts)").labelNames("peer")
        .callback(cb -> sync.get().getLinksList().forEach(l -> cb.call(l.getRefused(), l.getPeerNodeId())))
        .register(registry);
    GaugeWithCallback.builder().name("cix_store").help("What the store holds").labelNames("what")
        .callback(cb -> {
          StoreCounts counts = store.get();
          cb.call(counts.records(), "records");
          cb.call(counts.versions(), "versions");
          cb.call(counts.quarantined(), "quarantined");
          cb.call(counts.head(), "change_log_head");
        }).register(registry);
    lastIngest = Gauge.builder().name("cix_last_ingest_timestamp_seconds")
        .help("When the last ingest finished (Unix time); alert when a department's daily export is overdue")
        .register(registry);
    ingested = Counter.builder().name("cix_ingested_rows").help("Rows of department exports ingested, by outcome")
        .labelNames("outcome").register(registry);
    checks = Counter.builder().name("cix_checks").help("Joint-discipline checks answered, by decision")
        .labelNames("decision").register(registry);
  }

  private static String role(SyncLink link) {
    return link.getPeerRole().name().replace("LINK_ROLE_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Shows a read front end's replication lag ({@code cix_replica_lag_seconds}; -1 when the
   * database cannot tell), read at each scrape.
   */
  public void replicaLag(Supplier<java.util.Optional<Duration>> behind) {
    GaugeWithCallback.builder().name("cix_replica_lag_seconds")
        .help("How far this read front end's database is behind its writer's, in seconds (-1: unknown); "
            + "it stops answering beyond front-end.max-lag")
        .callback(cb -> cb.call(behind.get().map(d -> d.toMillis() / 1000.0).orElse(-1.0))).register(registry);
  }

  /** Counts the rows of a finished ingest. */
  public void ingested(IngestProgress done) {
    ingested.labelValues("created").inc(done.created());
    ingested.labelValues("updated").inc(done.updated());
    ingested.labelValues("unchanged").inc(done.unchanged());
    ingested.labelValues("rejected").inc(done.rejected());
    lastIngest.set(clock.millis() / 1000.0);
  }

  public void checked(Decision decision) {
    checks.labelValues(decision.name().toLowerCase(Locale.ROOT)).inc();
  }

  /** Serves the metrics at {@code address} ({@code /metrics}); returns the port. */
  public synchronized int serve(InetSocketAddress address) {
    try {
      server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort()).registry(registry)
          .buildAndStart();
      return server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
