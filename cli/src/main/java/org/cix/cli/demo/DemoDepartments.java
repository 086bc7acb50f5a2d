package org.cix.cli.demo;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.cix.core.error.CixException;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.department.DepartmentClient;
import org.cix.federation.department.DepartmentHttpClients;
import org.cix.proto.v1.AddAccountRequest;
import org.cix.proto.v1.AddedAccount;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.LoginResult;
import org.cix.proto.v1.Receipt;

/**
 * Departments at work over the department API's HTTP/JSON side: a market regulation bureau's
 * system submits its penalties with a client certificate (and the same file again changes nothing),
 * and a procurement clerk of another city's finance bureau logs in and checks a bidder, the one a
 * district listed, answered RESTRICT.
 */
final class DemoDepartments {
  private static final String PASSWORD = "demo-password-不要在生产中使用";
  private final PrintWriter out;

  DemoDepartments(PrintWriter out) {
    this.out = out;
  }

  void show(DemoNode submitting, DemoNode checking, String listed, DemoCluster cluster,
      Map<String, AdminClient> clients) throws IOException, InterruptedException {
    String bureau = SyntheticDepartments.uscc(submitting.jurisdiction(), SyntheticDepartments.Kind.MARKET_REGULATION);
    KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    AddedAccount system = clients.get(submitting.id()).access().addAccount(AddAccountRequest.newBuilder()
        .setName("market-bureau-system").setDepartment(bureau).addRoles("submitter").setValidDays(30)
        .setSystemPublicKey(ByteString.copyFrom(key.getPublic().getEncoded())).build());
    X509Certificate ca = certificate(system.getIssuer());
    HttpClient submitter = DepartmentHttpClients.of(ca, Optional.of(new DepartmentClient.ClientCertificate(
        key.getPrivate(), certificate(system.getCertificate()))));
    String api = "https://localhost:" + cluster.departmentHttpPort(submitting.id()) + "/v1/department/";
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    new PenaltyExports(77, submitting.jurisdiction(), 0.05).write(csv, StandardCharsets.UTF_8, 200);
    String query = "?file_name=penalties-" + submitting.id() + ".csv&type=administrative-penalty&mapping_yaml="
        + URLEncoder.encode(PenaltyExports.mapping(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    out.printf("%s's market regulation bureau system submits over HTTP/JSON with its client certificate "
        + "(cix account add market-bureau-system --roles submitter --certificate-out ...):%n", submitting.id());
    Receipt receipt = post(submitter, api + "Submit" + query, csv.toByteArray(), Optional.empty(),
        Receipt.newBuilder());
    out.printf("  POST /v1/department/Submit: receipt #%d, %d rows, %d new, %d rejected with reasons%n",
        receipt.getSubmissionId(), receipt.getCounts().getRows(), receipt.getCounts().getCreated(),
        receipt.getCounts().getRejected());
    Receipt again = post(submitter, api + "Submit" + query, csv.toByteArray(), Optional.empty(), Receipt.newBuilder());
    out.printf("  the same file again: %s receipt #%d, nothing stored or quarantined twice%n",
        again.getRepeated() ? "the first" : "A NEW", again.getSubmissionId());

    String finance = PenaltyExports.uscc(new Random(("finance" + checking.jurisdiction()).hashCode()), '1', '1',
        checking.jurisdiction());
    AdminClient far = clients.get(checking.id());
    far.access().registerDepartment(finance, SyntheticDepartments.name(checking.jurisdiction(),
        SyntheticDepartments.Kind.MARKET_REGULATION).replace("市场监督管理局", "财政局"), Set.of("administrative-penalty"));
    AddedAccount clerkAccount = far.access().addAccount(AddAccountRequest.newBuilder().setName("procurement-clerk")
        .setDepartment(finance).addRoles("checker").setValidDays(30).setPassword(PASSWORD).build());
    HttpClient clerk = DepartmentHttpClients.of(certificate(clerkAccount.getIssuer()), Optional.empty());
    String farApi = "https://localhost:" + cluster.departmentHttpPort(checking.id()) + "/v1/department/";
    LoginResult login = post(clerk, farApi + "Login", ("{\"account\": \"procurement-clerk\", \"password\": \""
        + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8), Optional.empty(), LoginResult.newBuilder());
    CheckResult check = post(clerk, farApi + "Check", ("{\"subjectId\": \"" + listed + "\", \"action\": "
        + "\"public-procurement.bid\", \"purpose\": \"政府采购投标资格审查\"}").getBytes(StandardCharsets.UTF_8),
        Optional.of(login.getToken()), CheckResult.newBuilder());
    out.printf("%s's finance bureau procurement clerk logs in and checks bidder %s over HTTP/JSON:%n",
        checking.id(), listed);
    out.printf("  POST /v1/department/Check: %s (%s; listed by %s)%n", check.getDecision().name()
        .replace("DECISION_", ""), check.getFindings(0).getMeasures(0).getName(), check.getFindings(0).getDecidedBy());
    String console = "https://localhost:" + cluster.departmentHttpPort(checking.id()) + "/console/";
    out.printf("  the same clerk in a browser, %s: the subject page says %s%n", console,
        consoleDecision(clerk, console, listed));
  }

  /** Signs the clerk in to the console and reads the decision its subject page shows. */
  private static String consoleDecision(HttpClient clerk, String console, String subject)
      throws IOException, InterruptedException {
    String origin = console.substring(0, console.indexOf("/console/"));
    HttpResponse<String> signIn = clerk.send(HttpRequest.newBuilder(URI.create(console + "login"))
        .header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("account=procurement-clerk&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    String cookie = signIn.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';')))
        .orElseThrow(() -> CixException.invalidInput("the console did not sign the clerk in: " + signIn.statusCode()));
    HttpResponse<String> page = clerk.send(HttpRequest.newBuilder(URI.create(console + "subject?id=" + subject
        + "&action=public-procurement.bid&purpose=" + URLEncoder.encode("政府采购投标资格审查", StandardCharsets.UTF_8)))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher decision = java.util.regex.Pattern.compile("id=\"decision\">([A-Z]+)<")
        .matcher(page.body());
    return decision.find() ? decision.group(1) : "nothing (HTTP " + page.statusCode() + ")";
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T post(HttpClient client, String url, byte[] body, Optional<String> token,
      Message.Builder answer) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw CixException.invalidInput(url.replaceFirst("\\?.*", "") + " answered " + response.statusCode() + ": "
          + response.body());
    }
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(response.body(), answer);
    } catch (InvalidProtocolBufferException e) {
      throw CixException.invalidInput("not a " + answer.getDescriptorForType().getName() + ": " + response.body());
    }
    return (T) answer.build();
  }

  private static X509Certificate certificate(ByteString der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
