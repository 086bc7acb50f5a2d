package org.cix.federation.department;

import io.grpc.Context;
import org.cix.core.account.Account;
import org.cix.core.error.CixException;

/** The account a department API call runs under, as {@link AccountInterceptor} established it. */
final class Caller {
  static final Context.Key<Account> ACCOUNT = Context.key("cix-account");

  private Caller() {}

  static Account current() {
    Account account = ACCOUNT.get();
    if (account == null) {
      throw CixException.unauthenticated("no account for this call");
    }
    return account;
  }
}
