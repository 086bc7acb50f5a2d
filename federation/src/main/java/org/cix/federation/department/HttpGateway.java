package org.cix.federation.department;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.cix.core.account.Account;
import org.cix.core.error.CixException;
import org.cix.federation.rpc.StatusMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The department API as HTTP/JSON, transcoded from the proto definitions: {@code POST
 * /v1/department/METHOD} with the request message as JSON (proto3 JSON mapping) answers the
 * response message as JSON; a client-streaming method (Submit) takes its first message's fields
 * from the query string and the file as the body. Each call is authenticated as on gRPC (client
 * certificate, else bearer token) and then made on the same service in process, so roles, audit and
 * errors are one code path. Errors answer {@code {"code": "...", "message": "..."}} with the HTTP
 * status of the gRPC code. {@value #OPENAPI} describes it all ({@link OpenApi}).
 */
final class HttpGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpGateway.class);
  static final String PREFIX = "/v1/department/";
  /** Where the node's accounts are managed (role admin). */
  static final String ACCOUNTS = "/v1/accounts/";
  /** Where the node's grants are listed and revoked (role admin; issued on the admin port only). */
  static final String GRANTS = "/v1/grants/";
  /** Where the OpenAPI description is served (no account needed: it describes, it answers nothing). */
  static final String OPENAPI = "/v1/openapi.json";
  private static final Duration SUBMIT_WAIT = Duration.ofHours(6);
  private static final Duration CALL_WAIT = Duration.ofSeconds(60);
  private static final int LARGEST_JSON = 1 << 20;

  static {
    noDelay();
  }

  /**
   * The JDK's HTTP server sends with Nagle's algorithm unless told otherwise, read once when its
   * first server is made: a small answer then waits for the client's delayed ACK, 40 ms a call.
   */
  static void noDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpsServer server;
  private final ManagedChannel channel;
  private final AccountInterceptor accounts;
  private final GatewayTickets tickets;
  /** {@code services}: each service by the path its methods are under ({@link #PREFIX}, {@link #ACCOUNTS}). */
  HttpGateway(InetSocketAddress listen, SSLContext tls, AccountInterceptor accounts, GatewayTickets tickets,
      Map<String, io.grpc.ServerServiceDefinition> services, ManagedChannel channel, ExecutorService executor) {
    this.accounts = accounts;
    this.tickets = tickets;
    this.channel = channel;
    try {
      server = HttpsServer.create(listen, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for the department API (HTTP) on " + listen.getHostString() + ":"
          + listen.getPort() + " (" + e.getMessage() + ")", e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        javax.net.ssl.SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        parameters.setWantClientAuth(true);
        params.setSSLParameters(parameters);
      }
    });
    server.setExecutor(executor);
    Map<String, com.google.protobuf.Descriptors.ServiceDescriptor> described = new LinkedHashMap<>();
    services.forEach((prefix, service) -> {
      Map<String, ServerMethodDefinition<?, ?>> methods = new LinkedHashMap<>();
      service.getMethods().forEach(m -> methods.put(m.getMethodDescriptor().getBareMethodName(), m));
      server.createContext(prefix, exchange -> handle(exchange, prefix, methods));
      described.put(prefix, described(service.getServiceDescriptor().getName()));
    });
    String openApi = OpenApi.of(described);
    server.createContext(OPENAPI, exchange -> {
      try (exchange) {
        HttpJson.reply(exchange, 200, openApi);
      }
    });
    server.start();
  }

  /** The proto definition of a service the gateway serves, by its full name. */
  private static com.google.protobuf.Descriptors.ServiceDescriptor described(String fullName) {
    for (com.google.protobuf.Descriptors.FileDescriptor file : java.util.List.of(
        org.cix.proto.v1.DepartmentProto.getDescriptor(), org.cix.proto.v1.AccountProto.getDescriptor(),
        org.cix.proto.v1.GrantProto.getDescriptor())) {
      for (com.google.protobuf.Descriptors.ServiceDescriptor service : file.getServices()) {
        if (service.getFullName().equals(fullName)) {
          return service;
        }
      }
    }
    throw new IllegalArgumentException("no proto definition of service " + fullName);
  }

  /** Serves {@code handler} under {@code path} besides the API (the console). */
  void route(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, handler);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange, String prefix, Map<String, ServerMethodDefinition<?, ?>> methods)
      throws IOException {
    try (exchange) {
      try {
        String name = exchange.getRequestURI().getPath().substring(prefix.length());
        ServerMethodDefinition<?, ?> method = methods.get(name);
        if (method == null) {
          throw CixException.notFound("no method " + name + " (methods: " + String.join(", ", methods.keySet()) + ")");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
          exchange.getResponseHeaders().add("Allow", "POST");
          HttpJson.reply(exchange, 405, HttpJson.error("INVALID_ARGUMENT", "use POST"));
          return;
        }
        Optional<String> ticket = authenticate(exchange, method);
        try {
          Message response = call(exchange, method.getMethodDescriptor(), ticket);
          HttpJson.reply(exchange, 200, JsonFormat.printer().print(response));
        } finally {
          ticket.ifPresent(tickets::discard);
        }
      } catch (StatusRuntimeException e) {
        Status status = e.getStatus();
        HttpJson.reply(exchange, HttpJson.httpStatus(status.getCode()), HttpJson.error(status.getCode().name(),
            status.getDescription() == null ? status.getCode().name() : status.getDescription()));
      } catch (RuntimeException e) {
        StatusRuntimeException status = StatusMapping.toStatus(e);
        HttpJson.reply(exchange, HttpJson.httpStatus(status.getStatus().getCode()), HttpJson.error(status.getStatus().getCode().name(),
            status.getStatus().getDescription()));
      }
    } catch (IOException e) {
      log.debug("department API (HTTP): {}", e.getMessage());
    }
  }

  private Optional<String> authenticate(HttpExchange exchange, ServerMethodDefinition<?, ?> method) {
    if (method.getMethodDescriptor().getBareMethodName().equals("Login")) {
      return Optional.empty();
    }
    Optional<X509Certificate> certificate = exchange instanceof HttpsExchange https
        ? AccountInterceptor.clientCertificate(https.getSSLSession()) : Optional.empty();
    Account account = accounts.authenticate(certificate,
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
    return Optional.of(tickets.issue(account));
  }

  @SuppressWarnings("unchecked")
  private Message call(HttpExchange exchange, MethodDescriptor<?, ?> descriptor, Optional<String> ticket)
      throws IOException {
    MethodDescriptor<Message, Message> method = (MethodDescriptor<Message, Message>) descriptor;
    Message prototype = (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
        .getMessagePrototype();
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(
        (method.getType() == MethodDescriptor.MethodType.CLIENT_STREAMING ? SUBMIT_WAIT : CALL_WAIT).toMillis(),
        TimeUnit.MILLISECONDS);
    Metadata headers = new Metadata();
    ticket.ifPresent(t -> headers.put(GatewayTickets.HEADER, t));
    io.grpc.Channel withTicket = io.grpc.ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(headers));
    switch (method.getType()) {
      case UNARY -> {
        Message.Builder request = prototype.newBuilderForType();
        byte[] body = exchange.getRequestBody().readNBytes(LARGEST_JSON + 1);
        if (body.length > LARGEST_JSON) {
          throw CixException.invalidInput("a request body of JSON is at most " + LARGEST_JSON + " bytes");
        }
        if (body.length > 0) {
          try {
            JsonFormat.parser().merge(new String(body, StandardCharsets.UTF_8), request);
          } catch (InvalidProtocolBufferException e) {
            throw CixException.invalidInput("the body is not a " + prototype.getDescriptorForType().getName()
                + " in JSON: " + e.getMessage());
          }
        }
        return ClientCalls.blockingUnaryCall(withTicket, method, options, request.build());
      }
      case CLIENT_STREAMING -> {
        return stream(exchange, withTicket.newCall(method, options), prototype);
      }
      default -> throw CixException.invalidInput(method.getBareMethodName() + " is not offered over HTTP");
    }
  }

  /**
   * A client stream whose request has a oneof of a first message (from the query string) and a
   * bytes field (the body, in chunks), as Submit has.
   */
  private static Message stream(HttpExchange exchange, ClientCall<Message, Message> call, Message prototype)
      throws IOException {
    FieldDescriptor first = null;
    FieldDescriptor data = null;
    for (FieldDescriptor field : prototype.getDescriptorForType().getFields()) {
      if (field.getType() == FieldDescriptor.Type.MESSAGE && first == null) {
        first = field;
      } else if (field.getType() == FieldDescriptor.Type.BYTES && data == null) {
        data = field;
      }
    }
    if (first == null || data == null) {
      throw CixException.invalidInput("this method is not offered over HTTP");
    }
    Message.Builder start = prototype.newBuilderForType().newBuilderForField(first);
    HttpJson.bindQuery(exchange.getRequestURI().getRawQuery(), start);
    FieldDescriptor bytes = data;
    return Uploads.send(answers -> ClientCalls.asyncClientStreamingCall(call, answers),
        prototype.newBuilderForType().setField(first, start.build()).build(),
        chunk -> prototype.newBuilderForType().setField(bytes, chunk).build(), exchange.getRequestBody(), SUBMIT_WAIT);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
