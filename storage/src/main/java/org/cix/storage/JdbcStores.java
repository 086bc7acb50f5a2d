package org.cix.storage;

import org.cix.core.node.NodeStores;
import org.cix.core.store.ReplicaLag;

/**
 * Every port of a node on one database: the record store and the exchange store (sharing the
 * change log's numbering) and the smaller stores beside them. Closing it closes the database(s).
 */
public final class JdbcStores implements AutoCloseable {
  private final Database database;
  /** Where checks and the audit log are written: this database, or a read front end's writer's. */
  private final Database recordedIn;
  private final JdbcRecordStore records;
  private final JdbcExchangeStore exchange;

  public JdbcStores(Database database) {
    this(database, database);
  }

  private JdbcStores(Database database, Database recordedIn) {
    this.database = database;
    this.recordedIn = recordedIn;
    ChangeLog log = new ChangeLog(database);
    this.records = new JdbcRecordStore(database, log);
    this.exchange = new JdbcExchangeStore(database, log);
  }

  /**
   * The stores of a read front end: everything read from {@code standby} (a hot standby of the
   * writer's database, read only), the checks it answers and the audit log written to
   * {@code writers} (the writer's database), where the writer publishes their feedback.
   */
  public static JdbcStores frontEnd(Database standby, Database writers) {
    return new JdbcStores(standby, writers);
  }

  /** How far this database is behind its primary, when it is a standby (zero on a primary). */
  public ReplicaLag lag() {
    return new StandbyLag(database);
  }

  public JdbcRecordStore records() {
    return records;
  }

  public JdbcExchangeStore exchange() {
    return exchange;
  }

  /**
   * The ports of a node on this database: records, exchange, checks, grants, audit, adopted
   * measures, requests, the quality queue, accounts and submissions, and its online backup.
   */
  public NodeStores node() {
    return new NodeStores(records, exchange, new JdbcCheckLog(recordedIn), new JdbcGrantStore(database),
        new JdbcAuditLog(recordedIn), new JdbcMeasuresStore(database), new JdbcCorrectionStore(database),
        new JdbcQualityStore(database), new JdbcAccountStore(database), new JdbcSubmissionStore(database),
        out -> NodeTransfer.backup(database, out));
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
    if (recordedIn != database) {
      recordedIn.close();
    }
  }
}
