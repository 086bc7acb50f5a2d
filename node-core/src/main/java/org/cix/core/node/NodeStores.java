package org.cix.core.node;

import org.cix.core.account.AccountStore;
import org.cix.core.audit.AuditLog;
import org.cix.core.correction.CorrectionStore;
import org.cix.core.discipline.CheckLog;
import org.cix.core.discipline.MeasuresStore;
import org.cix.core.quality.QualityStore;
import org.cix.core.sharing.GrantStore;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoreBackup;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.submission.SubmissionStore;

/**
 * The ports a node's services work on: its records, the same records seen from the exchange, the
 * check log, the grants it issued, the audit log, the measures adopted from the parent, the
 * objections and repair requests it knows, its quality queue, its accounts and their submissions,
 * and a backup of all of it taken while the node runs (storage implements them on one database).
 */
public record NodeStores(RecordStore records, ExchangeStore exchange, CheckLog checks, GrantStore grants,
    AuditLog audit, MeasuresStore measures, CorrectionStore corrections, QualityStore quality, AccountStore accounts,
    SubmissionStore submissions, StoreBackup backup) {
  /** The same stores with {@code records} in front (a benchmark's timing wrapper). */
  public NodeStores withRecords(RecordStore other) {
    return new NodeStores(other, exchange, checks, grants, audit, measures, corrections, quality, accounts,
        submissions, backup);
  }
}
