package org.cix.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.cix.core.error.CixException;

/**
 * The stores' one way to change the database: a unit of work in one transaction, committed
 * whole or rolled back whole, the failure named after what was being done.
 */
final class Transactions {
  private Transactions() {}

  /** A unit of work on one connection. */
  interface Work {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction and forces it to disk before returning: what returned
   * survives kill -9 and power loss; what failed left nothing.
   */
  static void durably(Database database, String what, Work work) {
    try (Connection c = database.dataSource().getConnection()) {
      commit(c, work);
      sync(database, c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} in one transaction, left to H2's writer to flush: for what may be lost in
   * a crash without harm (a send cursor behind means a bundle sent again, a no-op at the other end).
   */
  static void run(Database database, String what, Work work) {
    try (Connection c = database.dataSource().getConnection()) {
      commit(c, work);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  static CixException failure(String what, SQLException e) {
    return new CixException(CixException.Kind.UNAVAILABLE, "cannot " + what + ": " + e.getMessage(), e);
  }

  private static void commit(Connection c, Work work) throws SQLException {
    c.setAutoCommit(false);
    try {
      work.run(c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Forces committed data to disk: H2 needs telling; a PostgreSQL commit is durable by itself. */
  private static void sync(Database database, Connection c) throws SQLException {
    if (database.engine() != Database.Engine.H2) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
  }
}
