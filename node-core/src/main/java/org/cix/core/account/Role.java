package org.cix.core.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cix.core.error.CixException;

/** What an account may do at its node; an account holds one or more. */
public enum Role {
  /** Submits exports of its own department: every department its rows name must be its own. */
  SUBMITTER,
  /** Checks subjects for an action and reads their profiles, stating a purpose each time. */
  CHECKER,
  /** Decides objections and repair requests about its department's records. */
  DECIDER,
  /** Reads the audit log and the exchange's figures. */
  AUDITOR,
  /** Manages grants, revocations and accounts. */
  ADMIN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String code) {
    for (Role role : values()) {
      if (role.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw CixException.invalidInput("unknown role '" + code + "'; roles are "
        + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", ")));
  }
}
