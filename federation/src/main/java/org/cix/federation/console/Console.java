package org.cix.federation.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.StaffCalls;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.WhoAmIRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's pages under {@value #PATH}: sign-in, then what the signed-in account's roles let
 * it do. A form (POST) must carry the session's anti-forgery token and come from a page of this
 * origin; a refusal of the service is shown as a page with its HTTP status; an ended session leads
 * back to sign-in.
 */
public final class Console implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Console.class);
  public static final String PATH = "/console/";
  static final String FORGERY_HEADER = "X-CSRF-Token";
  private static final String SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
      + "form-action 'self'; base-uri 'none'";

  private final StaffCalls staff;
  private final ConsoleSessions sessions;
  private final Templates templates = new Templates();
  private final String node;
  private final SubjectPage subject;
  private final RequestPages requests;
  private final SubmissionPages submissions;
  private final ExchangePage exchange;
  private final AccountsPage accounts;

  /**
   * {@code actions}: the action codes the measures in force govern; {@code types}: the record
   * types a department may submit, id to label.
   */
  public Console(StaffCalls staff, String node, Supplier<Set<String>> actions, Map<String, String> types,
      Clock clock) {
    this.staff = staff;
    this.node = node;
    this.sessions = new ConsoleSessions(clock);
    this.subject = new SubjectPage(staff, actions);
    this.requests = new RequestPages(staff);
    this.submissions = new SubmissionPages(staff, types);
    this.exchange = new ExchangePage(staff, clock);
    this.accounts = new AccountsPage(staff, clock);
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    try (http) {
      Answer answer;
      try {
        answer = answer(http);
      } catch (StatusRuntimeException e) {
        answer = refused(http, e.getStatus());
      } catch (RuntimeException e) {
        answer = refused(http, StatusMapping.toStatus(e).getStatus());
      }
      try {
        write(http, answer);
      } catch (RuntimeException e) {
        log.error("console: {} {}: {}", http.getRequestMethod(), http.getRequestURI().getPath(), e.getMessage(), e);
        write(http, new Answer.Bytes(500, "text/plain; charset=utf-8",
            "the page could not be made; the node's log says why\n".getBytes(StandardCharsets.UTF_8), Map.of()));
      }
    } catch (IOException e) {
      log.debug("console: {}", e.getMessage());
    }
  }

  private Answer answer(HttpExchange http) throws IOException {
    String path = http.getRequestURI().getPath().substring(PATH.length());
    boolean post = http.getRequestMethod().equals("POST");
    if (!post && !http.getRequestMethod().equals("GET")) {
      return page(405, "error", Map.of("message", "GET or POST"), Optional.empty());
    }
    if (path.startsWith("static/")) {
      return Assets.of(path.substring("static/".length())).map(a -> (Answer) a)
          .orElseGet(() -> page(404, "error", Map.of("message", "no such file"), Optional.empty()));
    }
    if (post && !sameOrigin(http)) {
      return page(403, "error", Map.of("message", "a form of another site"), Optional.empty());
    }
    if (path.equals("login")) {
      return post ? login(http) : page(200, "login", Map.of(), Optional.empty());
    }
    Optional<Session> session = sessions.of(http.getRequestHeaders());
    if (session.isEmpty()) {
      return new Answer.Redirect(PATH + "login");
    }
    // the account as it is now: a revoked or expired account's session ends here, changed roles show
    Session me = sessions.refresh(session.get(), staff.call(session.get().token(),
        s -> s.whoAmI(WhoAmIRequest.getDefaultInstance())));
    session = Optional.of(me);
    Form query = Form.parse(http.getRequestURI().getRawQuery());
    Form form = post && formBody(http) ? form(http) : query;
    if (post && !me.forgeryTokenIs(Optional.ofNullable(http.getRequestHeaders().getFirst(FORGERY_HEADER))
        .orElse(form.get("csrf")))) {
      return page(403, "error", Map.of("message", "this form is not from this session: open the page again"), session);
    }
    Answer answer = switch ((post ? "POST " : "GET ") + path) {
      case "GET " -> new Answer.Page("home", Map.of());
      case "POST logout" -> logout(me);
      case "GET subject" -> subject.show(me, query);
      case "GET record" -> subject.history(me, query);
      case "GET requests" -> requests.queue(me, query);
      case "POST requests/decide" -> requests.decide(me, form);
      case "POST requests/file" -> requests.file(me, form);
      case "GET submissions" -> submissions.list(me, query);
      case "POST submissions" -> submissions.upload(me, query, http.getRequestBody());
      case "GET submission" -> submissions.receipt(me, query);
      case "GET submission/rejects.csv" -> submissions.rejects(me, query);
      case "GET quality" -> requests.quality(me, query);
      case "POST quality/resolve" -> requests.resolve(me, form);
      case "GET exchange" -> exchange.show(me, false);
      case "GET exchange/live" -> exchange.show(me, true);
      case "GET accounts" -> accounts.list(me, query);
      case "POST accounts/revoke" -> accounts.revoke(me, form);
      case "POST grants/revoke" -> accounts.revokeGrant(me, form);
      default -> new Answer.Page(404, "error", Map.of("message", "no such page: " + path));
    };
    return answer instanceof Answer.Page p ? page(p.status(), p.template(), p.model(), session) : answer;
  }

  private Answer login(HttpExchange http) throws IOException {
    Form form = form(http);
    try {
      var login = staff.login(form.get("account"), form.get("password"));
      var account = staff.call(login.getToken(), s -> s.whoAmI(WhoAmIRequest.getDefaultInstance()));
      Session session = sessions.open(login.getToken(), Instant.ofEpochMilli(login.getExpiresAtMillis()), account);
      http.getResponseHeaders().add("Set-Cookie", sessions.setCookie(session));
      return new Answer.Redirect(PATH);
    } catch (StatusRuntimeException e) {
      return page(e.getStatus().getCode() == Status.Code.UNAUTHENTICATED ? 401 : 403, "login",
          Map.of("failed", describe(e.getStatus()), "account", form.get("account")), Optional.empty());
    }
  }

  private Answer logout(Session me) {
    sessions.close(me);
    return new Answer.Redirect(PATH + "login");
  }

  /** A refusal of the service as a page; an ended session (UNAUTHENTICATED) as sign-in again. */
  private Answer refused(HttpExchange http, Status status) {
    if (status.getCode() == Status.Code.UNAUTHENTICATED) {
      sessions.of(http.getRequestHeaders()).ifPresent(sessions::close);
      http.getResponseHeaders().add("Set-Cookie", ConsoleSessions.clearCookie());
      return new Answer.Redirect(PATH + "login");
    }
    int code = switch (status.getCode()) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case UNAVAILABLE, DEADLINE_EXCEEDED -> 503;
      default -> 500;
    };
    return page(code, "error", Map.of("message", describe(status)), sessions.of(http.getRequestHeaders()));
  }

  private static String describe(Status status) {
    return status.getDescription() == null ? status.getCode().name() : status.getDescription();
  }

  private Answer.Page page(int status, String template, Map<String, Object> model, Optional<Session> session) {
    Map<String, Object> all = new HashMap<>(model);
    all.put("node", node);
    all.put("base", PATH);
    session.ifPresent(s -> {
      all.put("me", s.account());
      all.put("csrf", s.csrf());
      all.put("roles", Set.copyOf(s.account().getRolesList()));
    });
    return new Answer.Page(status, template, all);
  }

  private void write(HttpExchange http, Answer answer) throws IOException {
    var headers = http.getResponseHeaders();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "same-origin");
    if (answer instanceof Answer.Redirect r) {
      headers.set("Location", r.to());
      http.sendResponseHeaders(303, -1);
      return;
    }
    byte[] body;
    int status;
    if (answer instanceof Answer.Page p) {
      body = templates.render(p.template(), p.model()).getBytes(StandardCharsets.UTF_8);
      status = p.status();
      headers.set("Content-Type", "text/html; charset=utf-8");
      headers.set("Content-Security-Policy", SECURITY_POLICY);
      headers.set("Cache-Control", "no-store");
    } else {
      Answer.Bytes b = (Answer.Bytes) answer;
      status = b.status();
      body = b.body();
      headers.set("Content-Type", b.contentType());
      b.headers().forEach(headers::set);
    }
    http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(body);
    }
  }

  private static Form form(HttpExchange http) throws IOException {
    byte[] body = http.getRequestBody().readNBytes(Form.LARGEST + 1);
    if (body.length > Form.LARGEST) {
      throw org.cix.core.error.CixException.invalidInput("a form is at most " + Form.LARGEST + " bytes");
    }
    return Form.parse(new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the body is a form's fields (an upload's body is its file, the form's fields in the query). */
  private static boolean formBody(HttpExchange http) {
    String type = http.getRequestHeaders().getFirst("Content-Type");
    return type != null && type.startsWith("application/x-www-form-urlencoded");
  }

  /** A form's Origin (or else Referer) names this server; a browser always sends one of them with a POST. */
  private static boolean sameOrigin(HttpExchange http) {
    String host = http.getRequestHeaders().getFirst("Host");
    String from = Optional.ofNullable(http.getRequestHeaders().getFirst("Origin"))
        .orElse(http.getRequestHeaders().getFirst("Referer"));
    if (host == null || from == null) {
      return false;
    }
    try {
      URI uri = URI.create(from);
      return "https".equals(uri.getScheme()) && host.equalsIgnoreCase(uri.getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
