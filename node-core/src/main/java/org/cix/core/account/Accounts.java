package org.cix.core.account;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.error.CixException;
import org.cix.crypto.password.PasswordHash;
import org.cix.crypto.pki.AccountIssuer;
import org.cix.crypto.pki.Fingerprints;

/**
 * The accounts of this node: added by an operator for a department this node registered, with
 * roles, an end, and a password (staff), a client certificate (systems) or both; revoked at any
 * time. Every call of the department API names its account here ({@link #byCertificate},
 * {@link #bySession}), and the account is asked again each time: a revoked or expired account, or
 * one whose department was withdrawn, is refused from that moment.
 */
public final class Accounts {
  /** The longest an account is added for; renewed by adding it again under a new name. */
  public static final Duration LONGEST = Duration.ofDays(2 * 366);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final int SHORTEST_PASSWORD = 12;

  /** What an operator asks for: the account, and the public key of the system's certificate if any. */
  public record NewAccount(String name, String department, Set<Role> roles, Duration validity,
      Optional<char[]> password, Optional<PublicKey> systemKey) {}

  /** An account added, with the client certificate issued for its system's key, if one was given. */
  public record Added(Account account, Optional<X509Certificate> certificate) {}

  private final AccountStore store;
  private final DepartmentRegistry departments;
  private final Supplier<AccountIssuer> issuer;
  private final Sessions sessions;
  private final AuditLog audit;
  private final String selfNode;
  private final Clock clock;

  /** {@code issuer}: made or read when first needed (once). */
  public Accounts(AccountStore store, DepartmentRegistry departments, Supplier<AccountIssuer> issuer, AuditLog audit,
      String selfNode, Clock clock) {
    this.store = store;
    this.departments = departments;
    this.issuer = memoized(issuer);
    this.sessions = new Sessions(clock);
    this.audit = audit;
    this.selfNode = selfNode;
    this.clock = clock;
  }

  /** The CA whose certificates the department API takes as account credentials. */
  public AccountIssuer issuer() {
    return issuer.get();
  }

  private static Supplier<AccountIssuer> memoized(Supplier<AccountIssuer> supplier) {
    return new Supplier<>() {
      private AccountIssuer made;

      @Override
      public synchronized AccountIssuer get() {
        if (made == null) {
          made = supplier.get();
        }
        return made;
      }
    };
  }

  /** Adds an account; audited under {@code by}. */
  public Added add(NewAccount spec, String by) {
    if (!NAME.matcher(spec.name()).matches()) {
      throw CixException.invalidInput("account name '" + spec.name()
          + "': lower-case letters, digits, '.', '_' and '-', at most 63, starting with a letter or digit");
    }
    requireDepartment(spec.department());
    if (spec.roles().isEmpty()) {
      throw CixException.invalidInput("an account needs at least one role");
    }
    if (spec.validity().isNegative() || spec.validity().isZero() || spec.validity().compareTo(LONGEST) > 0) {
      throw CixException.invalidInput("an account is valid for a day up to " + LONGEST.toDays() + " days");
    }
    if (spec.password().isEmpty() && spec.systemKey().isEmpty()) {
      throw CixException.invalidInput("an account needs a password (staff), a client certificate (systems) or both");
    }
    spec.password().ifPresent(p -> {
      if (p.length < SHORTEST_PASSWORD) {
        throw CixException.invalidInput("a password has at least " + SHORTEST_PASSWORD + " characters");
      }
    });
    Instant now = clock.instant();
    Instant expires = now.plus(spec.validity());
    Optional<X509Certificate> certificate = spec.systemKey()
        .map(key -> issuer().issue(spec.name(), spec.department(), key, expires));
    Account account = new Account(spec.name(), spec.department(), spec.roles(), now, expires, Optional.empty(),
        spec.password().map(PasswordHash::hash), certificate.map(Fingerprints::sha256));
    if (!store.add(account)) {
      throw CixException.preconditionFailed("account " + spec.name() + " exists (names are never reused)");
    }
    audit.append(new AuditEvent(now, by, "account.add", "", "account=" + account.name() + " department="
        + account.department() + " roles=" + codes(account.roles()) + " until=" + expires
        + (certificate.isPresent() ? " certificate=" + account.certificate().orElseThrow() : "")
        + (account.passwordHash().isPresent() ? " password" : "")));
    return new Added(account, certificate);
  }

  /** Revokes an account now: its certificate and sessions are refused from this call on. */
  public Account revoke(String name, String by) {
    Instant now = clock.instant();
    if (!store.revoke(name, now)) {
      Account known = store.named(name).orElseThrow(() -> CixException.notFound("no account " + name));
      throw CixException.preconditionFailed("account " + name + " was revoked at " + known.revoked().orElseThrow());
    }
    sessions.end(name);
    audit.append(new AuditEvent(now, by, "account.revoke", "", "account=" + name));
    return store.named(name).orElseThrow();
  }

  public List<Account> all() {
    return store.all();
  }

  /**
   * A session for a member of staff: a bearer token valid for {@link Sessions#LENGTH}. The same
   * answer for an unknown account and a wrong password; audited either way.
   */
  public Sessions.Session login(String name, char[] password) {
    Instant now = clock.instant();
    Optional<Account> account = store.named(name);
    boolean right = account.flatMap(Account::passwordHash).map(hash -> PasswordHash.matches(password, hash))
        .orElse(false);
    if (!right || sessions.lockedOut(name)) {
      sessions.failed(name);
      audit.append(new AuditEvent(now, "account " + name, "account.login.refused", "", "wrong name or password"));
      throw CixException.unauthenticated("wrong account name or password (or too many attempts: wait "
          + Sessions.LOCKOUT.toMinutes() + " minutes)");
    }
    Account usable = usable(account.get());
    audit.append(new AuditEvent(now, usable.actor(), "account.login", "", ""));
    return sessions.start(usable.name());
  }

  /** The account a session token stands for, if it is still usable. */
  public Account bySession(String token) {
    String name = sessions.account(token).orElseThrow(() -> CixException.unauthenticated(
        "the session ended or was never started: log in again"));
    return usable(store.named(name).orElseThrow(() -> CixException.unauthenticated("no account " + name)));
  }

  /** The account of a client certificate the account CA issued, if it is still usable. */
  public Account byCertificate(X509Certificate certificate) {
    String fingerprint = Fingerprints.sha256(certificate);
    return usable(store.withCertificate(fingerprint).orElseThrow(() -> CixException.unauthenticated(
        "this client certificate belongs to no account of node " + selfNode)));
  }

  private Account usable(Account account) {
    account.refusal(clock.instant()).ifPresent(reason -> {
      throw CixException.unauthenticated(reason);
    });
    DepartmentRegistry.Department department = departments.held().get(account.department());
    if (department == null || !department.node().equals(selfNode) || !department.active()) {
      throw CixException.permissionDenied("department " + account.department() + " of account " + account.name()
          + " is not registered at node " + selfNode + " now");
    }
    return account;
  }

  private void requireDepartment(String uscc) {
    DepartmentRegistry.Department department = departments.held().get(uscc);
    if (department == null || !department.node().equals(selfNode)) {
      throw CixException.invalidInput("department " + uscc + " is not registered by this node ("
          + "`cix department register` first)");
    }
    if (!department.active()) {
      throw CixException.preconditionFailed("department " + uscc + " was withdrawn on " + department.withdrawn());
    }
  }

  static String codes(Set<Role> roles) {
    return roles.stream().sorted().map(Role::code).collect(Collectors.joining(","));
  }
}
