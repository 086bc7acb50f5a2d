package org.cix.storage;

import org.cix.core.node.NodeStores;

/**
 * Every port of a node on one database: the record store and the exchange store (sharing the
 * change log's numbering) and the smaller stores beside them. Closing it closes the database.
 */
public final class JdbcStores implements AutoCloseable {
  private final Database database;
  private final JdbcRecordStore records;
  private final JdbcExchangeStore exchange;

  public JdbcStores(Database database) {
    this.database = database;
    ChangeLog log = new ChangeLog(database);
    this.records = new JdbcRecordStore(database, log);
    this.exchange = new JdbcExchangeStore(database, log);
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
    return new NodeStores(records, exchange, new JdbcCheckLog(database), new JdbcGrantStore(database),
        new JdbcAuditLog(database), new JdbcMeasuresStore(database), new JdbcCorrectionStore(database),
        new JdbcQualityStore(database), new JdbcAccountStore(database), new JdbcSubmissionStore(database),
        out -> NodeTransfer.backup(database, out));
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
  }
}
