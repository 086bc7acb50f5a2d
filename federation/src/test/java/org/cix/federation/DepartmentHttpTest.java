package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.account.Accounts;
import org.cix.core.account.Role;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.department.DepartmentClient;
import org.cix.federation.department.DepartmentHttpClients;
import org.cix.federation.server.FederationNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The department API's HTTP/JSON side: the same operations, accounts and refusals as on gRPC. */
@Timeout(60)
class DepartmentHttpTest {
  private static final String PASSWORD = "correct horse battery";
  private static final String A = SyntheticDepartments.uscc("110105", SyntheticDepartments.Kind.MARKET_REGULATION);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private NodeServices services;
  private String api;

  @BeforeEach
  void start() {
    NodeKeyMaterial keys = TestPki.create(dir).node("bj", "1101");
    services = TestNodes.services(keys);
    SyntheticDepartments.Kind market = SyntheticDepartments.Kind.MARKET_REGULATION;
    services.departments().register(A, SyntheticDepartments.name("110105", market), market.types());
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    FederationNode node = running.add(FederationNode.start(keys, TestNodes.TOKEN, services,
        TestNodes.settings(0, Optional.empty(), List.of()).withDepartmentApi(new DepartmentApiSettings(loopback,
            Optional.of(loopback), List.of("localhost"), dir.resolve("spool"), 1 << 20)), java.time.Clock.systemUTC()));
    api = "https://localhost:" + node.departmentHttpPort();
  }

  @Test
  void aSystemSubmitsWithItsCertificate_theBodyIsTheFile_theQueryTheFirstMessage() throws Exception {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var added = services.access().accounts().add(new Accounts.NewAccount("a-system", A, Set.of(Role.SUBMITTER),
        Duration.ofDays(1), Optional.empty(), Optional.of(pair.getPublic())), "test operator");
    HttpClient system = DepartmentHttpClients.of(ca(), Optional.of(new DepartmentClient.ClientCertificate(
        pair.getPrivate(), added.certificate().orElseThrow())));
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    new PenaltyExports(31, "110105", 0).write(csv, StandardCharsets.UTF_8, 12);
    String query = "?file_name=penalties.csv&type=administrative-penalty&mapping_yaml="
        + URLEncoder.encode(PenaltyExports.mapping(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    HttpResponse<String> receipt = post(system, "/v1/department/Submit" + query, csv.toByteArray(), null);
    assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
    assertThat(receipt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/json"));
    assertThat(receipt.body()).contains("\"fileName\": \"penalties.csv\"").contains("\"created\": \"12\"")
        .contains("\"finished\": true");
    assertThat(post(system, "/v1/department/Submit" + query, csv.toByteArray(), null).body())
        .contains("\"repeated\": true");
    assertThat(post(system, "/v1/department/WhoAmI", new byte[0], null).body()).contains("\"name\": \"a-system\"");
    HttpResponse<String> unknown = post(system, "/v1/department/Submit?file_nam=x", csv.toByteArray(), null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"code\": \"INVALID_ARGUMENT\"").contains("unknown query parameter 'file_nam'");
  }

  @Test
  void staffLogIn_andEachRefusalHasItsHttpStatus() throws Exception {
    services.access().accounts().add(new Accounts.NewAccount("a-checker", A, Set.of(Role.CHECKER), Duration.ofDays(1),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
    HttpClient anonymous = DepartmentHttpClients.of(ca(), Optional.empty());
    assertThat(post(anonymous, "/v1/department/WhoAmI", "{}".getBytes(StandardCharsets.UTF_8), null).statusCode())
        .isEqualTo(401);
    assertThat(post(anonymous, "/v1/department/Login", "{\"account\": \"a-checker\", \"password\": \"nope nope nope\"}"
        .getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(401);
    HttpResponse<String> login = post(anonymous, "/v1/department/Login", ("{\"account\": \"a-checker\", "
        + "\"password\": \"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8), null);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String token = login.body().replaceAll("(?s).*\"token\": \"([^\"]+)\".*", "$1");
    assertThat(token).startsWith("cixs_");

    String subject = PenaltyExports.subjectOfRow(31, "110105", 1);
    HttpResponse<String> check = post(anonymous, "/v1/department/Check", ("{\"subjectId\": \"" + subject
        + "\", \"action\": \"public-procurement.bid\", \"purpose\": \"政府采购投标资格审查\"}")
        .getBytes(StandardCharsets.UTF_8), token);
    assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
    assertThat(check.body()).contains("\"decision\": \"DECISION_NONE\"");
    HttpResponse<String> submit = post(anonymous, "/v1/department/Submit?type=administrative-penalty",
        "x".getBytes(StandardCharsets.UTF_8), token);
    assertThat(submit.statusCode()).isEqualTo(403);
    assertThat(submit.body()).contains("\"code\": \"PERMISSION_DENIED\"").contains("submitter role");
    assertThat(post(anonymous, "/v1/department/Check", "{\"subjectId\": 5x}".getBytes(StandardCharsets.UTF_8), token)
        .statusCode()).as("not JSON of the request").isEqualTo(400);
    assertThat(post(anonymous, "/v1/department/Nothing", new byte[0], token).statusCode()).isEqualTo(404);
  }

  /**
   * The calls the console brought (a record's history, a search by name, the federation's state,
   * resolving a quality issue) each refuse an account without their role: a signed-in member of
   * staff of this very department, not a stranger.
   */
  @Test
  void theConsolesCalls_refuseEachRoleTheyDoNotServe() throws Exception {
    services.access().accounts().add(new Accounts.NewAccount("a-submitter", A, Set.of(Role.SUBMITTER),
        Duration.ofDays(1), Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
    services.access().accounts().add(new Accounts.NewAccount("a-checker", A, Set.of(Role.CHECKER), Duration.ofDays(1),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
    HttpClient client = DepartmentHttpClients.of(ca(), Optional.empty());
    String submitter = token(client, "a-submitter");
    String checker = token(client, "a-checker");
    byte[] find = "{\"name\": \"示例有限\", \"purpose\": \"审查\"}".getBytes(StandardCharsets.UTF_8);
    byte[] history = "{\"recordId\": \"00000000000000000000000000000000\", \"purpose\": \"审查\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(post(client, "/v1/department/FindSubjects", find, submitter).statusCode()).isEqualTo(403);
    assertThat(post(client, "/v1/department/History", history, submitter).statusCode()).isEqualTo(403);
    assertThat(post(client, "/v1/department/Federation", new byte[0], checker).statusCode()).isEqualTo(403);
    assertThat(post(client, "/v1/department/ResolveQualityIssue", "{\"id\": \"1\", \"note\": \"x\"}"
        .getBytes(StandardCharsets.UTF_8), checker).statusCode()).isEqualTo(403);
    HttpResponse<String> found = post(client, "/v1/department/FindSubjects", find, checker);
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    assertThat(post(client, "/v1/department/FindSubjects", "{\"name\": \"示例\"}".getBytes(StandardCharsets.UTF_8),
        checker).statusCode()).as("no purpose stated").isEqualTo(400);
    assertThat(post(client, "/v1/department/FindSubjects", "{\"name\": \"示\", \"purpose\": \"审查\"}"
        .getBytes(StandardCharsets.UTF_8), checker).statusCode()).as("one character names everyone").isEqualTo(400);
    assertThat(post(client, "/v1/department/History", history, checker).statusCode()).isEqualTo(404);
    assertThat(services.audit().after(0, 1000)).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("subjects.find");
      assertThat(e.event().actor()).isEqualTo("account a-checker of " + A);
      assertThat(e.event().detail()).contains("name=示例有限").contains("purpose=审查");
    });
  }

  @Test
  void anAdminManagesAccountsOverHttp_noOtherRoleDoes() throws Exception {
    services.access().accounts().add(new Accounts.NewAccount("node-admin", A, Set.of(Role.ADMIN), Duration.ofDays(1),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
    services.access().accounts().add(new Accounts.NewAccount("a-checker", A, Set.of(Role.CHECKER), Duration.ofDays(1),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
    HttpClient client = DepartmentHttpClients.of(ca(), Optional.empty());
    String admin = token(client, "node-admin");
    String checker = token(client, "a-checker");
    assertThat(post(client, "/v1/accounts/ListAccounts", new byte[0], checker).statusCode()).isEqualTo(403);
    assertThat(post(client, "/v1/grants/ListGrants", new byte[0], checker).statusCode()).isEqualTo(403);
    assertThat(post(client, "/v1/grants/ListGrants", new byte[0], admin).statusCode()).isEqualTo(200);
    HttpResponse<String> issue = post(client, "/v1/grants/IssueGrant", ("{\"grantee\": \"sh\", \"purpose\": "
        + "\"x\", \"validUntil\": \"2099-01-01\"}").getBytes(StandardCharsets.UTF_8), admin);
    assertThat(issue.statusCode()).as("grants are the operator's to issue").isEqualTo(403);
    assertThat(services.grants().all()).isEmpty();
    HttpResponse<String> listed = post(client, "/v1/accounts/ListAccounts", new byte[0], admin);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains("\"name\": \"a-checker\"").contains("\"name\": \"node-admin\"");
    HttpResponse<String> added = post(client, "/v1/accounts/AddAccount", ("{\"name\": \"a-clerk\", \"department\": \""
        + A + "\", \"roles\": [\"checker\"], \"validDays\": 30, \"password\": \"" + PASSWORD + "\"}")
        .getBytes(StandardCharsets.UTF_8), admin);
    assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
    assertThat(token(client, "a-clerk")).startsWith("cixs_");
    assertThat(post(client, "/v1/accounts/RevokeAccount", "{\"name\": \"a-checker\"}".getBytes(StandardCharsets.UTF_8),
        admin).statusCode()).isEqualTo(200);
    assertThat(post(client, "/v1/department/WhoAmI", new byte[0], checker).statusCode()).isEqualTo(401);
  }

  private String token(HttpClient client, String account) throws Exception {
    HttpResponse<String> login = post(client, "/v1/department/Login", ("{\"account\": \"" + account
        + "\", \"password\": \"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8), null);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return login.body().replaceAll("(?s).*\"token\": \"([^\"]+)\".*", "$1");
  }

  /**
   * More calls at once than the HTTP side has threads: each is answered (the service runs on the
   * calling request's thread, so no call waits for a thread another waiting call holds).
   */
  @Test
  void moreCallsAtOnceThanThreads_areAllAnswered() throws Exception {
    services.access().accounts().add(new Accounts.NewAccount("a-checker", A, Set.of(Role.CHECKER), Duration.ofDays(1),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
    HttpClient client = DepartmentHttpClients.of(ca(), Optional.empty());
    String token = token(client, "a-checker");
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(api + "/v1/department/Check"))
          .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\": \""
              + PenaltyExports.subjectOfRow(31, "110105", i + 1) + "\", \"action\": \"public-procurement.bid\", "
              + "\"purpose\": \"test\"}")).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (var call : calls) {
      assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theOpenApiDescriptionIsGeneratedFromTheProtos() throws Exception {
    HttpResponse<String> openApi = DepartmentHttpClients.of(ca(), Optional.empty()).send(HttpRequest.newBuilder(
        URI.create(api + "/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("\"openapi\": \"3.0.3\"").contains("\"/v1/department/Submit\"")
        .contains("\"/v1/department/Check\"").contains("\"cix.v1.Receipt\"").contains("\"subjectId\"")
        .contains("\"name\": \"mapping_yaml\"").contains("DECISION_RESTRICT").contains("\"/v1/accounts/AddAccount\"");
  }

  private java.security.cert.X509Certificate ca() {
    return services.access().accounts().issuer().certificate();
  }

  private HttpResponse<String> post(HttpClient client, String path, byte[] body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
