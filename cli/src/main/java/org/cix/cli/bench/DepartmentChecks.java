package org.cix.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.cix.core.account.Accounts;
import org.cix.core.account.Role;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.federation.department.DepartmentClient;
import org.cix.cli.bench.CheckBenchmark.Latency;
import org.cix.federation.department.DepartmentHttpClients;

/** A checker account of a central procurement centre at a node, and its calls over the department API. */
final class DepartmentChecks {
  private static final String PASSWORD = "bench password, not secret";
  private final X509Certificate ca;
  private final KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
  private final X509Certificate certificate;
  private final String account = "procurement-system-" + System.currentTimeMillis();

  DepartmentChecks(NodeServices at) {
    String centre = PenaltyExports.uscc(new Random(100000), '1', '1', "100000");
    at.departments().register(centre, "中央政府采购中心 (bench)", Set.of("administrative-penalty"));
    // a name of this run's own: the store (and its accounts) are reused by later runs
    certificate = at.access().accounts().add(new Accounts.NewAccount(account, centre,
        Set.of(Role.CHECKER), Duration.ofDays(1), Optional.of(PASSWORD.toCharArray()), Optional.of(key.getPublic())),
        "cix bench check").certificate().orElseThrow();
    ca = at.access().accounts().issuer().certificate();
  }

  /** A client of the department API on {@code port} with this account's certificate. */
  DepartmentClient client(int port) {
    return new DepartmentClient("localhost", port, ca,
        Optional.of(new DepartmentClient.ClientCertificate(key.getPrivate(), certificate)), Duration.ofSeconds(30));
  }

  Latency grpc(int port, List<String> subjects, int n) {
    try (DepartmentClient client = client(port)) {
      return CheckBenchmark.timedChecks(subjects, n, subject -> client.check(subject, "public-procurement.bid",
          "benchmark").getComplete());
    }
  }

  Latency http(int port, List<String> subjects, int n) throws IOException, InterruptedException {
    HttpClient client = DepartmentHttpClients.of(ca, Optional.empty());
    String api = "https://localhost:" + port + "/v1/department/";
    String token = send(client, api + "Login", "{\"account\": \"" + account + "\", \"password\": \""
        + PASSWORD + "\"}", "").replaceAll("(?s).*\"token\": \"([^\"]+)\".*", "$1");
    return CheckBenchmark.timedChecks(subjects, n, subject -> {
      try {
        return send(client, api + "Check", "{\"subjectId\": \"" + subject + "\", \"action\": "
            + "\"public-procurement.bid\", \"purpose\": \"benchmark\"}", token).contains("\"complete\": true");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String send(HttpClient client, String url, String json, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(
        json));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
