package org.cix.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cix.core.error.CixException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions of {@code record_version} on PostgreSQL: ranges of the change-log sequence, each
 * {@code width} versions wide, named {@code record_version_from_<first seq>}. A partition is made
 * before the first version that falls in it is written ({@link #cover}), in a transaction of its
 * own, as a plain table then attached: attaching takes no lock that stops the node's readers or
 * its open write (PostgreSQL's {@code ATTACH PARTITION} holds {@code SHARE UPDATE EXCLUSIVE} on
 * the parent). On H2, which has no partitions, {@link #NONE} covers everything.
 */
final class VersionPartitions {
  /** Versions a partition holds unless configured: about 15 GB of versions of 1.5 KiB. */
  static final long DEFAULT_WIDTH = 10_000_000;
  /** Nothing to make: an engine without partitions, or a database this process never writes. */
  static final VersionPartitions NONE = new VersionPartitions(null, 1, Long.MAX_VALUE);
  static final String PREFIX = "record_version_from_";
  private static final Logger log = LoggerFactory.getLogger(VersionPartitions.class);
  /** The upper bound in {@code pg_get_expr(relpartbound)}: {@code FOR VALUES FROM ('1') TO ('101')}. */
  private static final Pattern UPPER = Pattern.compile("TO \\('?(-?\\d+)'?\\)");

  private final Database database;
  private final long width;
  /** First sequence number no partition holds; 0 until read from the catalog. */
  private long end;

  VersionPartitions(Database database, long width) {
    this(database, width, 0);
  }

  private VersionPartitions(Database database, long width, long end) {
    this.database = database;
    this.width = width;
    this.end = end;
  }

  /** Whether {@code table} is one of the partitions (a part of {@code record_version}, not a table of its own). */
  static boolean isPartition(String table) {
    return table.toLowerCase(java.util.Locale.ROOT).startsWith(PREFIX);
  }

  /** Makes the partitions that are missing for versions up to {@code seq}. */
  synchronized void cover(long seq) {
    if (seq < end) {
      return;
    }
    try (Connection c = database.dataSource().getConnection()) {
      if (end == 0) {
        end = end(c);
      }
      while (seq >= end) {
        make(c, end, end + width);
        end += width;
      }
    } catch (SQLException e) {
      end = 0;
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot make the partition of record_version for "
          + "change-log position " + seq + ": " + e.getMessage(), e);
    }
  }

  /** The first sequence number no partition holds: the highest upper bound, or 1 when there is none. */
  private static long end(Connection c) throws SQLException {
    long end = 1;
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_get_expr(p.relpartbound, p.oid) "
        + "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = 'record_version'::regclass")) {
      while (r.next()) {
        Matcher upper = UPPER.matcher(r.getString(1));
        if (upper.find()) {
          end = Math.max(end, Long.parseLong(upper.group(1)));
        }
      }
    }
    return end;
  }

  private static void make(Connection c, long from, long to) throws SQLException {
    String name = PREFIX + from;
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // never wait long behind another lock: a write that cannot get its partition fails with the reason
      // (a bundle is sent again by its link; an ingest says why it stopped)
      s.execute("SET LOCAL lock_timeout = '10s'");
      // the table's column compression too (BodyCompression, PostgreSQL 14 on): LIKE alone takes the default
      s.execute("CREATE TABLE " + name + " (LIKE record_version INCLUDING DEFAULTS"
          + (c.getMetaData().getDatabaseMajorVersion() >= 14 ? " INCLUDING COMPRESSION)" : ")"));
      s.execute("ALTER TABLE record_version ATTACH PARTITION " + name + " FOR VALUES FROM (" + from + ") TO (" + to
          + ")");
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    log.info("record_version: partition {} made for change-log positions {} to {}", name, from, to - 1);
  }
}
