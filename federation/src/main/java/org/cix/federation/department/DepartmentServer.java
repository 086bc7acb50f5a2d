package org.cix.federation.department;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLException;
import org.cix.core.node.NodeServices;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pki.AccountIssuer;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.federation.server.GrpcServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The department API's endpoint: gRPC over TLS on a port of its own. The server presents a
 * certificate the node's account CA issues at each start for the configured host names (a fresh
 * key, held in memory); a client presents the certificate of its account, or none and a bearer
 * token. Submissions being received wait in the spool directory, emptied at each start.
 */
public final class DepartmentServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DepartmentServer.class);
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration SERVER_CERTIFICATE = Duration.ofDays(398);
  private static final int THREADS = 4;

  private final Server server;
  private final ExecutorService executor;

  private DepartmentServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static DepartmentServer start(DepartmentApiSettings settings, NodeServices backend, ExecutorService ingest,
      NodeMetrics metrics, Clock clock) {
    emptySpool(settings.spool());
    AccountIssuer issuer = backend.access().accounts().issuer();
    ExecutorService executor = GrpcServers.fixedPool("cix-department", THREADS);
    AccountInterceptor accounts = new AccountInterceptor(backend.access().accounts());
    Server server = NettyServerBuilder.forAddress(settings.listen())
        .sslContext(tls(issuer, settings, clock))
        .executor(executor)
        .maxInboundMessageSize(4 * 1024 * 1024)
        .maxInboundMetadataSize(16 * 1024)
        .addService(ServerInterceptors.intercept(new DepartmentService(backend.keys().nodeId(), backend, ingest,
            metrics, settings.spool(), settings.largestSubmission()), accounts))
        .build();
    try {
      server.start();
    } catch (IOException e) {
      GrpcServers.stop(executor, GRACE);
      throw new UncheckedIOException("cannot listen for the department API on " + settings.listen().getHostString() + ":"
          + settings.listen().getPort() + " (" + e.getMessage().replaceFirst(".*: ", "") + ")", e);
    }
    log.info("department API on {}:{} for {}", settings.listen().getHostString(), server.getPort(), settings.hosts());
    return new DepartmentServer(server, executor);
  }

  private static SslContext tls(AccountIssuer issuer, DepartmentApiSettings settings, Clock clock) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    X509Certificate certificate = issuer.issueServer(settings.hosts(), pair.getPublic(),
        clock.instant().plus(SERVER_CERTIFICATE));
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(pair.getPrivate(), certificate, issuer.certificate()))
          .trustManager(issuer.certificate())
          .clientAuth(ClientAuth.OPTIONAL)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the department API: " + e.getMessage(), e);
    }
  }

  private static void emptySpool(Path spool) {
    try {
      Files.createDirectories(spool);
      try (DirectoryStream<Path> left = Files.newDirectoryStream(spool, "submission-*.part")) {
        for (Path file : left) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the spool directory " + spool + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    GrpcServers.stop(server, GRACE);
    GrpcServers.stop(executor, GRACE);
  }
}
