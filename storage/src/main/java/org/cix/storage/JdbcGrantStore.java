package org.cix.storage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.sharing.Grant;
import org.cix.core.sharing.GrantStore;

/** The grants on the node's database (table {@code sharing_grant}). */
public final class JdbcGrantStore implements GrantStore {
  private final Database database;

  public JdbcGrantStore(Database database) {
    this.database = database;
  }

  @Override
  public Grant add(Grant g) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO sharing_grant (grantee, types, purpose, personal, "
            + "valid_from, valid_until, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, g.grantee());
      s.setString(2, String.join(",", g.types()));
      s.setString(3, Queries.truncate(g.purpose(), 500));
      s.setBoolean(4, g.personal());
      s.setDate(5, Date.valueOf(g.validFrom()));
      s.setDate(6, Date.valueOf(g.validUntil()));
      s.setString(7, g.issuedBy());
      s.setLong(8, g.issuedAt().toEpochMilli());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return new Grant(keys.getLong(1), g.grantee(), g.types(), g.purpose(), g.personal(), g.validFrom(),
            g.validUntil(), g.issuedBy(), g.issuedAt(), Optional.empty());
      }
    } catch (SQLException e) {
      throw Transactions.failure("store the grant", e);
    }
  }

  @Override
  public List<Grant> all() {
    List<Grant> grants = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, grantee, types, purpose, personal, valid_from, valid_until, "
            + "issued_by, issued_at, revoked_at FROM sharing_grant ORDER BY id")) {
      while (r.next()) {
        String types = r.getString(3);
        Set<String> typeSet = types.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(types.split(",")));
        long revoked = r.getLong(10);
        Optional<Instant> revokedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
        grants.add(new Grant(r.getLong(1), r.getString(2), typeSet, r.getString(4), r.getBoolean(5),
            r.getDate(6).toLocalDate(), r.getDate(7).toLocalDate(), r.getString(8), Instant.ofEpochMilli(r.getLong(9)),
            revokedAt));
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the grants", e);
    }
    return grants;
  }

  @Override
  public boolean revoke(long id, Instant at) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(
            "UPDATE sharing_grant SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      s.setLong(1, at.toEpochMilli());
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Transactions.failure("revoke the grant", e);
    }
  }
}
