package org.cix.federation.admin;

import org.cix.core.account.Account;
import org.cix.core.account.Role;
import org.cix.proto.v1.AccountInfo;

/** Accounts as the admin and department APIs send them. */
public final class AccountProtos {
  private AccountProtos() {}

  public static AccountInfo account(Account account) {
    AccountInfo.Builder info = AccountInfo.newBuilder().setName(account.name()).setDepartment(account.department())
        .setCreatedAtMillis(account.created().toEpochMilli()).setExpiresAtMillis(account.expires().toEpochMilli())
        .setPassword(account.passwordHash().isPresent()).setCertificateSha256(account.certificate().orElse(""));
    account.roles().stream().sorted().map(Role::code).forEach(info::addRoles);
    account.revoked().ifPresent(at -> info.setRevokedAtMillis(at.toEpochMilli()));
    return info.build();
  }
}
