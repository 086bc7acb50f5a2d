package org.cix.federation.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.StaffCalls;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.RevokeAccountRequest;

/**
 * An admin's page (role admin): the node's accounts with their roles and ends, those ending within
 * {@link #SOON} marked, and the form that revokes one (refused from its next call).
 */
final class AccountsPage {
  static final Duration SOON = Duration.ofDays(30);

  private final StaffCalls staff;
  private final Clock clock;

  AccountsPage(StaffCalls staff, Clock clock) {
    this.staff = staff;
    this.clock = clock;
  }

  Answer list(Session me, Form query) {
    var accounts = staff.accounts(me.token(), s -> s.listAccounts(ListAccountsRequest.getDefaultInstance()));
    return new Answer.Page("accounts", Map.of("accounts", accounts.getAccountsList(), "now", clock.millis(),
        "soon", clock.instant().plus(SOON).toEpochMilli(), "revoked", query.get("revoked")));
  }

  Answer revoke(Session me, Form form) {
    var revoked = staff.accounts(me.token(), s -> s.revokeAccount(RevokeAccountRequest.newBuilder()
        .setName(form.get("name")).build()));
    return new Answer.Redirect(Console.PATH + "accounts?revoked=" + URLEncoder.encode(revoked.getName(),
        StandardCharsets.UTF_8));
  }
}
