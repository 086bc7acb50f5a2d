package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.audit.AuditChain;
import org.cix.core.link.LinkRole;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.GrpcServers;
import org.cix.federation.server.ServerLimits;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.QueryGrpc;
import org.cix.reliability.Fault;
import org.cix.reliability.Trials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes into every gRPC method a node serves: the federation services over real mutual TLS
 * with a valid certificate, and the admin service with the right token. Each call ends with a
 * status within its deadline; afterwards the node serves an honest child, stores exactly its
 * records, answers its operator, and its audit chain is intact.
 */
@Timeout(300)
class GrpcFuzzTest {
  static final Fault RANDOM_CALLS = new Fault(
      "random bytes and random protobuf-shaped messages as the requests of every gRPC method (federation, "
          + "query, health over mutual TLS with a valid certificate; admin with the right token)",
      "every call ends with a status within its deadline; the node keeps serving, stores nothing of it, its "
          + "audit chain stays intact");
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final int CALLS_PER_METHOD = 40;
  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new java.io.ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private final Map<String, Integer> statuses = new TreeMap<>();

  @Test
  void randomRequestsToEveryMethod_leaveTheNodeServingAndItsStoreClean() throws Exception {
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial hostileKeys = pki.node("bj", "1101");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    ManagedChannel federation = LinkChannels.open(hostileKeys,
        new LinkTarget("cn", "127.0.0.1", cn.federationPort(), LinkRole.PARENT), ServerLimits.defaults(),
        Clock.systemUTC(), new AtomicReference<>());
    ManagedChannel admin = NettyChannelBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), cn.adminPort())).usePlaintext().build();
    Metadata token = new Metadata();
    token.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestNodes.TOKEN);
    Random random = new Random(20261127);
    int calls = 0;
    try {
      for (ServiceDescriptor service : new ServiceDescriptor[] {FederationGrpc.getServiceDescriptor(),
          QueryGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()}) {
        calls += fuzz(federation, service, new Metadata(), random);
      }
      assertThat(cn.adminServices()).as("every feature's service, so every one is fuzzed").hasSize(12)
          .contains(AdminGrpc.getServiceDescriptor());
      for (ServiceDescriptor service : cn.adminServices()) {
        calls += fuzz(admin, service, token, random);
      }
    } finally {
      GrpcServers.stop(federation, Duration.ofSeconds(5));
      GrpcServers.stop(admin, Duration.ofSeconds(5));
    }
    RANDOM_CALLS.inflicted(calls);
    org.slf4j.LoggerFactory.getLogger(GrpcFuzzTest.class).info("{} random calls answered: {}", calls, statuses);
    assertThat(statuses).as("answers: %s", statuses).doesNotContainKeys("no answer", "unreadable no answer")
        .as("a request the node can read gets a deliberate answer, not an unhandled error: %s", statuses)
        .doesNotContainKeys("UNKNOWN", "INTERNAL");

    NodeKeyMaterial honest = pki.node("sh", "3101");
    running.start(honest, Optional.of(cn));
    TestExports.penalties(TestNodes.services(honest), 9, "310101", 20);
    await().atMost(BOUND).untilAsserted(() ->
        assertThat(TestNodes.services(cnKeys).store().counts().versions()).as("20 and their department's registration")
            .isEqualTo(21));
    try (AdminClient operator = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(10))) {
      assertThat(operator.status().getNodeId()).isEqualTo("cn");
    }
    assertThat(AuditChain.verify(TestNodes.services(cnKeys).audit(), "cn").intact()).isTrue();
  }

  /**
   * Every method of {@code service}, {@link #CALLS_PER_METHOD} random calls each; returns the calls made. A request the
   * node cannot parse at all is answered UNKNOWN by gRPC itself ("Application error processing
   * RPC"), before any of the node's code runs.
   */
  private int fuzz(Channel channel, ServiceDescriptor service, Metadata headers, Random random) throws Exception {
    int calls = 0;
    for (MethodDescriptor<?, ?> method : service.getMethods()) {
      boolean streamsBack = !method.getType().serverSendsOneMessage();
      int times = streamsBack && method.getFullMethodName().endsWith("Watch") ? 2 : CALLS_PER_METHOD;
      for (int i = 0; i < times; i++) {
        call(channel, method, headers, random);
        calls++;
      }
    }
    return calls;
  }

  private void call(Channel channel, MethodDescriptor<?, ?> method, Metadata headers, Random random)
      throws Exception {
    MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(method.getType()).setFullMethodName(method.getFullMethodName())
        .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
    ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        call.request(1);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.complete(status);
      }
    }, headers);
    call.request(4);
    int messages = method.getType().clientSendsOneMessage() ? 1 : 1 + random.nextInt(3);
    boolean parses = true;
    for (int m = 0; m < messages; m++) {
      byte[] payload = random.nextInt(3) == 0 ? Trials.bytes(random, 511) : message(random, 3);
      parses &= parses(method, payload);
      call.sendMessage(payload);
    }
    call.halfClose();
    String outcome;
    try {
      outcome = (parses ? "" : "unreadable ") + closed.get(10, TimeUnit.SECONDS).getCode().name();
    } catch (java.util.concurrent.TimeoutException e) {
      outcome = "no answer";
      call.cancel("no answer", null);
    }
    statuses.merge(outcome, 1, Integer::sum);
    if (outcome.equals("UNKNOWN") || outcome.equals("INTERNAL")) {
      statuses.merge(outcome + " from " + method.getBareMethodName(), 1, Integer::sum);
    }
  }

  /** Whether the node can read {@code payload} as a request of {@code method} at all. */
  private static boolean parses(MethodDescriptor<?, ?> method, byte[] payload) {
    try {
      method.parseRequest(new java.io.ByteArrayInputStream(payload));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Random fields of random numbers and wire types, nested up to {@code depth}: parses often, means nothing. */
  private static byte[] message(Random random, int depth) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int fields = random.nextInt(6);
    for (int f = 0; f < fields; f++) {
      int number = 1 + random.nextInt(12);
      switch (random.nextInt(depth > 0 ? 4 : 3)) {
        case 0 -> {
          varint(out, number << 3);
          varint(out, random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100));
        }
        case 1 -> {
          byte[] text = random.nextBoolean() ? "bj-chaoyang 110105 administrative-penalty".substring(
              random.nextInt(10)).getBytes(java.nio.charset.StandardCharsets.UTF_8) : Trials.bytes(random, 39);
          varint(out, number << 3 | 2);
          varint(out, text.length);
          out.writeBytes(text);
        }
        case 2 -> {
          varint(out, number << 3 | 5);
          byte[] fixed = new byte[4];
          random.nextBytes(fixed);
          out.writeBytes(fixed);
        }
        default -> {
          byte[] nested = message(random, depth - 1);
          varint(out, number << 3 | 2);
          varint(out, nested.length);
          out.writeBytes(nested);
        }
      }
    }
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
