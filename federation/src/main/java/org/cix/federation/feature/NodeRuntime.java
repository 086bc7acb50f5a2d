package org.cix.federation.feature;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.IntSupplier;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.federation.certificates.CertificateRenewer;
import org.cix.federation.frontend.FrontEndGuard;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.SyncHub;
import org.cix.federation.metrics.NodeMetrics;

/**
 * What a starting node gives its features: its identity, its services (asking the parent, once
 * linked, for what this node does not hold), its links and sync, its metrics, the one thread
 * ingests run on, its certificate renewer when it has a parent, when it started and its
 * federation port (once the server is up), and, when it is a read front end, its guard.
 */
public record NodeRuntime(NodeIdentity self, NodeServices services, LinkRegistry links,
    SyncHub sync, NodeMetrics metrics, ExecutorService ingest, Optional<CertificateRenewer> renewer,
    Instant startedAt, IntSupplier federationPort, Clock clock, Optional<FrontEndGuard> frontEnd) {}
