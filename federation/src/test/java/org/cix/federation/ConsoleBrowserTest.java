package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.account.Accounts;
import org.cix.core.account.Role;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.core.synthetic.TestDepartments;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.department.DepartmentHttpClients;
import org.cix.federation.server.FederationNode;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through its chromedriver) on a running
 * federation of three nodes (the city bj, its districts Chaoyang and Dongcheng) over mTLS: each role
 * signs in with its account and does its work. The screenshots it takes are docs/console.md's.
 */
@Timeout(240)
class ConsoleBrowserTest {
  private static final String PASSWORD = "correct horse battery";
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final SyntheticDepartments.Kind MARKET = SyntheticDepartments.Kind.MARKET_REGULATION;
  private static final String CHAOYANG_BUREAU = SyntheticDepartments.uscc("110105", MARKET);
  private static final String DONGCHENG_BUREAU = SyntheticDepartments.uscc("110101", MARKET);

  static final Fault FORGED_FORM = new Fault(
      "a console form posted without the session's anti-forgery token, from another site's page, or with the "
          + "cookie of a session signed out or of an account revoked since",
      "refused (HTTP 403) or sent to sign-in; nothing done");
  static final Fault WRONG_ROLE_PAGE = new Fault(
      "a member of staff opens a console page of another role (a checker the decider's queue or the submissions)",
      "the refusal with the role it takes (HTTP 403); nothing shown");

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private FederationNode bj;
  private FederationNode chaoyang;
  private FederationNode dongcheng;
  private NodeServices chaoyangServices;
  private NodeServices dongchengServices;
  private NodeServices bjServices;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    bj = start(bjKeys, Optional.empty());
    bjServices = TestNodes.services(bjKeys);
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    NodeKeyMaterial dongchengKeys = pki.node(pki.caOf("bj"), "bj-dongcheng", "110101");
    chaoyang = start(chaoyangKeys, Optional.of(bj));
    dongcheng = start(dongchengKeys, Optional.of(bj));
    chaoyangServices = TestNodes.services(chaoyangKeys);
    dongchengServices = TestNodes.services(dongchengKeys);
    TestDepartments.district(chaoyangServices, "110105");
    TestDepartments.district(dongchengServices, "110101");
    staff(chaoyangServices, "cy-decider", CHAOYANG_BUREAU, Role.DECIDER);
    staff(chaoyangServices, "cy-submitter", CHAOYANG_BUREAU, Role.SUBMITTER);
    staff(dongchengServices, "dc-checker", DONGCHENG_BUREAU, Role.CHECKER);
    SyntheticDepartments.register(TestNodes.services(bjKeys), "110100", MARKET);
    String bjBureau = SyntheticDepartments.uscc("110100", MARKET);
    staff(TestNodes.services(bjKeys), "bj-auditor", bjBureau, Role.AUDITOR);
    staff(TestNodes.services(bjKeys), "bj-admin", bjBureau, Role.ADMIN);
    staff(TestNodes.services(bjKeys), "bj-clerk", bjBureau, Role.CHECKER);
    Files.createDirectories(SHOTS);

    browser = Chromium.start(dir.resolve("chromium"));
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void eachRoleDoesItsWork_andTheDecisionOfOneNodeReachesTheSubjectPageOfAnother() throws Exception {
    TestExports.listings(chaoyangServices, 41, "110105", 1, 1);
    var listing = TestExports.first(chaoyangServices, "serious-dishonesty");
    String listed = listing.subjectId();
    await().atMost(BOUND).until(() -> !dongchengServices.store().currentOfSubject(listed).isEmpty());

    // a checker at Dongcheng finds the enterprise Chaoyang listed: RESTRICT, with its measure
    signIn(dongcheng, "dc-checker");
    lookUp("失信示例", "public-procurement.bid");
    assertThat(text("matches")).contains(listed);
    browser.findElement(By.cssSelector("#matches li.match a")).click();
    assertThat(text("decision")).isEqualTo("RESTRICT");
    assertThat(browser.findElements(By.cssSelector("#check .measure-id")).stream().map(e -> e.getText()).toList())
        .contains("sd-procurement-ban");
    assertThat(text("check")).contains("bj-chaoyang").contains("verified");
    assertThat(chineseFontLoaded()).as("Noto Sans SC came from the node, not from the machine").isTrue();
    shot("subject");
    lookUp(listed, "*");
    assertThat(text("checks")).contains("public-procurement.bid RESTRICT").contains("high-consumption NONE");

    // ... and cannot open a decider's queue
    WRONG_ROLE_PAGE.inflicted(2);
    browser.get(url(dongcheng, "requests"));
    assertThat(text("refusal")).contains("decider");
    browser.get(url(dongcheng, "submissions"));
    assertThat(text("refusal")).contains("submitter");

    // a decider at Chaoyang, the record's origin, files the subject's objection and revokes the listing
    signIn(chaoyang, "cy-decider");
    browser.get(url(chaoyang, "requests"));
    browser.findElement(By.cssSelector("details summary")).click();
    browser.findElement(By.cssSelector("#file-request [name=subject]")).sendKeys(listed);
    browser.findElement(By.cssSelector("#file-request [name=record]")).sendKeys(listing.recordId());
    browser.findElement(By.cssSelector("#file-request [name=reason]")).sendKeys("该企业已履行判决义务");
    browser.findElement(By.cssSelector("#file-request button")).click();
    assertThat(text("filed")).contains("bj-chaoyang");
    shot("requests");
    var corrected = browser.findElement(By.cssSelector("#queue tr.request[data-id]"));
    new Select(corrected.findElement(By.name("outcome"))).selectByVisibleText("CORRECTED");
    corrected.findElement(By.name("note")).sendKeys("更正名称");
    corrected.findElement(By.name("corrections")).sendKeys("企业名称已更正");
    corrected.findElement(By.cssSelector("button")).click();
    assertThat(text("refusal")).isEqualTo("a corrected field is key=value, one per line: '企业名称已更正'");
    browser.get(url(chaoyang, "requests"));
    var request = browser.findElement(By.cssSelector("#queue tr.request[data-id]"));
    new Select(request.findElement(By.name("outcome"))).selectByVisibleText("REVOKED");
    request.findElement(By.name("note")).sendKeys("列入依据已撤销");
    request.findElement(By.cssSelector("button")).click();
    assertThat(text("done")).endsWith("REVOKED");

    // the subject page at Dongcheng changes once the revocation has travelled there
    signIn(dongcheng, "dc-checker");
    await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
      lookUp(listed, "public-procurement.bid");
      return text("decision").equals("NONE");
    });
    assertThat(text("records")).contains("revocation");
    browser.findElement(By.cssSelector("#records a.timeline")).click();
    assertThat(text("versions")).contains("v1 · ingest").contains("v2 · objection").contains("v3 · revocation")
        .contains("列入依据已撤销").contains("bj-chaoyang (");
    assertThat(browser.findElements(By.cssSelector("#versions li.version"))).hasSize(3);
    shot("timeline");

    // a submitter at Chaoyang uploads an export and downloads the rows it refused
    Path export = dir.resolve("penalties.csv");
    Path mapping = dir.resolve("penalties-mapping.yaml");
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    int defective = new PenaltyExports(43, "110105", 0.3).write(csv, StandardCharsets.UTF_8, 20);
    assertThat(defective).isPositive();
    Files.write(export, csv.toByteArray());
    Files.writeString(mapping, PenaltyExports.mapping(StandardCharsets.UTF_8));
    signIn(chaoyang, "cy-submitter");
    browser.get(url(chaoyang, "submissions"));
    new Select(browser.findElement(By.id("type"))).selectByValue("administrative-penalty");
    browser.findElement(By.id("file")).sendKeys(export.toAbsolutePath().toString());
    browser.findElement(By.id("mapping")).sendKeys(mapping.toAbsolutePath().toString());
    browser.findElement(By.id("send")).click();
    await().atMost(BOUND).until(() -> browser.findElements(By.id("receipt")).size() == 1
        || browser.findElements(By.cssSelector("#upload-status.refused")).size() == 1);
    assertThat(browser.findElements(By.cssSelector("#upload-status.refused"))).as(() -> text("upload-status"))
        .isEmpty();
    assertThat(text("rows")).isEqualTo("20");
    assertThat(Integer.parseInt(text("rejected"))).isEqualTo(defective);
    shot("receipt");
    String rejects = download(browser.findElement(By.id("rejects-csv")).getAttribute("href"));
    assertThat(rejects).startsWith("\uFEFFrow,where,field,reason,message");
    assertThat(rejects.lines().count()).isEqualTo(1 + defective);
    browser.get(url(chaoyang, "submissions"));
    assertThat(browser.findElements(By.cssSelector("#submitted tr.submission"))).hasSize(1);
    shot("submissions");
    // ... and the refused rows wait in the department's quality queue, where it resolves one
    await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
      browser.get(url(chaoyang, "quality"));
      return browser.findElements(By.cssSelector("#issues tr.issue")).size() == defective;
    });
    shot("quality");
    var issue = browser.findElement(By.cssSelector("#issues tr.issue"));
    String issueId = issue.getAttribute("data-id");
    issue.findElement(By.name("note")).sendKeys("已通知业务科室更正后重新报送");
    issue.findElement(By.cssSelector("button")).click();
    assertThat(text("resolved")).startsWith("已处理 Resolved: " + issueId + ": ").endsWith("已通知业务科室更正后重新报送");
    assertThat(browser.findElements(By.cssSelector("#issues tr.issue"))).hasSize(defective - 1);

    // an auditor at the city sees the exchange with its districts
    signIn(bj, "bj-auditor");
    browser.get(url(bj, "exchange"));
    assertThat(text("links")).contains("bj-chaoyang").contains("bj-dongcheng");
    String reported = browser.findElement(By.cssSelector("#tree tr[data-node=bj] td.reported")).getText();
    // the live part comes again without a reload: the city's own report is made anew each time (an
    // element read as the part is replaced is stale: read it again)
    await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).ignoreException(StaleElementReferenceException.class)
        .until(() -> !browser.findElement(By.cssSelector("#tree tr[data-node=bj] td.reported")).getText()
            .equals(reported));
    // the city, then its districts
    await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).ignoreException(StaleElementReferenceException.class)
        .until(() -> browser.findElements(By.cssSelector("#tree tr.tree-node")).stream()
            .map(e -> e.getAttribute("data-node")).toList(), nodes -> nodes.equals(
                List.of("bj", "bj-chaoyang", "bj-dongcheng")));
    assertThat(text("tree")).contains("bj-chaoyang up");
    await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(() -> !browser.findElements(
        By.cssSelector("#evolution tr.department-row[data-department='" + CHAOYANG_BUREAU + "']")).isEmpty());
    assertThat(text("evolution")).contains("北京市朝阳区市场监督管理局");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2000));
    shot("exchange");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    assertThat(browser.findElements(By.cssSelector("#days rect"))).isNotEmpty();

    // an admin at the city revokes a clerk's account: the clerk's open session ends at its next page
    signIn(bj, "bj-clerk");
    String clerk = browser.manage().getCookieNamed("cix_console").getValue();
    var grant = bjServices.grants().issue("bj-dongcheng", Set.of("credit-rating"), "信用监管", false,
        java.time.LocalDate.now(), java.time.LocalDate.now().plusYears(1));
    signIn(bj, "bj-admin");
    browser.get(url(bj, "accounts"));
    assertThat(text("account-list")).contains("bj-auditor").contains("bj-clerk");
    assertThat(browser.findElements(By.cssSelector("#certificates tr.node-certificates[data-node=bj]"))).hasSize(1);
    browser.findElement(By.cssSelector("#grant-list tr.grant[data-id='" + grant.id() + "'] button")).click();
    assertThat(text("revoked")).isEqualTo("已注销 Revoked: grant " + grant.id() + " → bj-dongcheng");
    assertThat(bjServices.grants().all()).singleElement().satisfies(g -> assertThat(g.revokedAt()).isPresent());
    assertThat(bjServices.audit().after(0, 10_000)).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("grant.revoke");
      assertThat(e.event().actor()).isEqualTo("account bj-admin of " + SyntheticDepartments.uscc("110100", MARKET));
    });
    shot("accounts");
    // this page shows the grant's #revoked already: wait for the page the click brings, not that one
    clickToNextPage(By.cssSelector("tr.account[data-name=bj-clerk] button"));
    assertThat(text("revoked")).isEqualTo("已注销 Revoked: bj-clerk");
    browser.manage().deleteAllCookies();
    browser.manage().addCookie(new org.openqa.selenium.Cookie("cix_console", clerk, "/console/"));
    browser.get(url(bj, "subject"));
    new WebDriverWait(browser, BOUND).until(ExpectedConditions.urlMatches("/console/login$"));
    FORGED_FORM.inflicted();
  }

  @Test
  void forgedForms_otherSites_pathTricks_andMarkup_areRefusedOrShownAsText_andSignOutEndsTheSession() throws Exception {
    signIn(chaoyang, "cy-decider");
    String cookie = "cix_console=" + browser.manage().getCookieNamed("cix_console").getValue();
    HttpClient client = DepartmentHttpClients.of(chaoyangServices.access().accounts().issuer().certificate(),
        Optional.empty());
    String origin = "https://localhost:" + chaoyang.departmentHttpPort();
    HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(url(chaoyang, "requests/decide")))
        .header("Cookie", cookie).header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("id=x&outcome=REVOKED&note=n")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("not from this session");
    HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(URI.create(url(chaoyang, "logout")))
        .header("Cookie", cookie).header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(403);

    HttpResponse<String> traversal = client.send(HttpRequest.newBuilder(URI.create(url(chaoyang,
        "static/..%2F..%2Fconsole%2Ftemplates%2Flogin.ftlh"))).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(traversal.statusCode()).as("only the console's own files, by plain names").isEqualTo(404);
    assertThat(traversal.body()).doesNotContain("<#import");
    HttpResponse<String> escaped = client.send(HttpRequest.newBuilder(URI.create(url(chaoyang, "requests?done="
        + java.net.URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8)))).header("Cookie", cookie)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(escaped.body()).as("what a request carries is shown as text").contains("&lt;script&gt;alert(1)")
        .doesNotContain("<script>alert(1)");
    assertThat(escaped.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("default-src 'self'"));
    browser.findElement(By.id("logout")).click();
    new WebDriverWait(browser, BOUND).until(ExpectedConditions.urlMatches("/console/login$"));
    HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(url(chaoyang, "requests")))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).as("the ended session opens nothing").isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).hasValue("/console/login");
    FORGED_FORM.inflicted(3);
  }

  private FederationNode start(NodeKeyMaterial keys, Optional<FederationNode> parent) {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    return running.add(FederationNode.start(keys, TestNodes.TOKEN, TestNodes.services(keys),
        TestNodes.settings(0, parent.map(TestNodes::parentTarget), List.of()).reportingEvery(Duration.ofSeconds(5))
            .withDepartmentApi(
            new DepartmentApiSettings(loopback, Optional.of(loopback), List.of("localhost"),
                dir.resolve("spool-" + keys.nodeId()), 1 << 20)), java.time.Clock.systemUTC()));
  }

  private static void staff(NodeServices node, String name, String department, Role role) {
    node.access().accounts().add(new Accounts.NewAccount(name, department, Set.of(role), Duration.ofDays(30),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
  }

  private void signIn(FederationNode node, String account) {
    browser.manage().deleteAllCookies();
    browser.get(url(node, "login"));
    browser.findElement(By.id("account")).sendKeys(account);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("sign-in")).click();
    assertThat(text("who")).startsWith(account);
  }

  private void lookUp(String subject, String action) {
    browser.get(url(dongcheng, "subject"));
    browser.findElement(By.id("subject-id")).sendKeys(subject);
    new Select(browser.findElement(By.id("action"))).selectByValue(action);
    browser.findElement(By.id("purpose")).sendKeys("政府采购投标资格审查");
    browser.findElement(By.id("look-up")).click();
  }

  private String download(String href) throws Exception {
    String cookie = "cix_console=" + browser.manage().getCookieNamed("cix_console").getValue();
    HttpClient client = DepartmentHttpClients.of(chaoyangServices.access().accounts().issuer().certificate(),
        Optional.empty());
    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookie)
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("attachment"));
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  private boolean chineseFontLoaded() {
    return (Boolean) ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "document.fonts.ready.then(function () { done(document.fonts.check(\"16px 'Noto Sans SC'\", '信用主体')); });");
  }

  /** Clicks {@code button} and waits until the page it was on is gone (its answer is loading or loaded). */
  private void clickToNextPage(By button) {
    org.openqa.selenium.WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(button).click();
    new WebDriverWait(browser, BOUND).until(ExpectedConditions.stalenessOf(page));
  }

  /** The text of element {@code id}, once the page that has it has come (a click's page loads after it returns). */
  /** The text of {@code #id}, read again when a live part replaced the element as it was read. */
  private String text(String id) {
    try {
      return new WebDriverWait(browser, BOUND).ignoring(StaleElementReferenceException.class)
          .until(d -> d.findElement(By.id(id)).getText().trim());
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("no #" + id + " on " + browser.getCurrentUrl() + ":\n"
          + browser.findElement(By.tagName("body")).getText(), e);
    }
  }

  private static String url(FederationNode node, String page) {
    return "https://localhost:" + node.departmentHttpPort() + "/console/" + page;
  }

  private void shot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
