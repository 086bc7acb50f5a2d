package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cix.core.account.Account;
import org.cix.core.account.AccountStore;
import org.cix.core.account.Role;

/** The accounts on the node's database (table {@code account}). */
public final class JdbcAccountStore implements AccountStore {
  private static final String COLUMNS =
      "name, department, roles, created_at, expires_at, revoked_at, password_hash, certificate";
  private final Database database;

  public JdbcAccountStore(Database database) {
    this.database = database;
  }

  @Override
  public boolean add(Account a) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO account (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, NULL, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM account WHERE name = ?)")) {
      s.setString(1, a.name());
      s.setString(2, a.department());
      s.setString(3, a.roles().stream().sorted().map(Role::code).collect(Collectors.joining(",")));
      s.setLong(4, a.created().toEpochMilli());
      s.setLong(5, a.expires().toEpochMilli());
      setOptional(s, 6, a.passwordHash());
      setOptional(s, 7, a.certificate());
      s.setString(8, a.name());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Transactions.failure("store account " + a.name(), e);
    }
  }

  @Override
  public Optional<Account> named(String name) {
    return one("name", name);
  }

  @Override
  public Optional<Account> withCertificate(String fingerprint) {
    return one("certificate", fingerprint);
  }

  @Override
  public List<Account> all() {
    return query("SELECT " + COLUMNS + " FROM account ORDER BY name", null);
  }

  @Override
  public boolean revoke(String name, Instant at) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(
            "UPDATE account SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
      s.setLong(1, at.toEpochMilli());
      s.setString(2, name);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Transactions.failure("revoke account " + name, e);
    }
  }

  private Optional<Account> one(String column, String value) {
    return query("SELECT " + COLUMNS + " FROM account WHERE " + column + " = ?", value).stream().findFirst();
  }

  private List<Account> query(String sql, String parameter) {
    List<Account> accounts = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      if (parameter != null) {
        s.setString(1, parameter);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Set<Role> roles = Arrays.stream(r.getString(3).split(",")).filter(code -> !code.isEmpty()).map(Role::of)
              .collect(Collectors.toSet());
          long revoked = r.getLong(6);
          Optional<Instant> revokedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
          accounts.add(new Account(r.getString(1), r.getString(2), roles, Instant.ofEpochMilli(r.getLong(4)),
              Instant.ofEpochMilli(r.getLong(5)), revokedAt, Optional.ofNullable(r.getString(7)),
              Optional.ofNullable(r.getString(8))));
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the accounts", e);
    }
    return accounts;
  }

  static void setOptional(PreparedStatement s, int index, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      s.setString(index, value.get());
    } else {
      s.setNull(index, Types.VARCHAR);
    }
  }
}
