package org.cix.federation.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.StaffCalls;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.RevokeAccountRequest;
import org.cix.proto.v1.RevokeGrantRequest;

/**
 * An admin's page (role admin): the node's accounts with their roles and ends, those ending within
 * {@link #SOON} marked, and the form that revokes one (refused from its next call); the grants of
 * conditional records to other nodes, and the form that revokes one (issuing stays with the
 * operator's {@code cix grant issue}); and when the certificates of this node and the nodes below
 * it end, as they report them.
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
    var grants = staff.grants(me.token(), s -> s.listGrants(ListGrantsRequest.getDefaultInstance()));
    var nodes = staff.call(me.token(), s -> s.federation(FederationRequest.getDefaultInstance())).getNodesList();
    return new Answer.Page("accounts", Map.of("accounts", accounts.getAccountsList(), "grants",
        grants.getGrantsList(), "nodes", nodes, "now", clock.millis(), "soon",
        clock.instant().plus(SOON).toEpochMilli(), "revoked", query.get("revoked")));
  }

  Answer revokeGrant(Session me, Form form) {
    long id = form.number("id", "grant");
    var revoked = staff.grants(me.token(), s -> s.revokeGrant(RevokeGrantRequest.newBuilder().setId(id).build()));
    return new Answer.Redirect(Console.PATH + "accounts?revoked=" + URLEncoder.encode("grant " + revoked.getId()
        + " → " + revoked.getGrantee(), StandardCharsets.UTF_8));
  }

  Answer revoke(Session me, Form form) {
    var revoked = staff.accounts(me.token(), s -> s.revokeAccount(RevokeAccountRequest.newBuilder()
        .setName(form.get("name")).build()));
    return new Answer.Redirect(Console.PATH + "accounts?revoked=" + URLEncoder.encode(revoked.getName(),
        StandardCharsets.UTF_8));
  }
}
