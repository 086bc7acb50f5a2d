package org.cix.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The change log's numbering on one database: versions get sequence numbers in the order their
 * transactions commit, one writer at a time (ingest and reception alike), and the followers are
 * told each new head.
 */
final class ChangeLog {
  /** Writes versions numbered from {@code firstSeq} in one transaction; says how many it wrote. */
  interface Write<T> {
    Written<T> at(long firstSeq);
  }

  /** What a write stored: {@code versions} numbers used, and its answer. */
  record Written<T>(int versions, T answer) {}

  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private long nextSeq;

  ChangeLog(Database database) {
    this.nextSeq = Queries.count(database, "SELECT COALESCE(MAX(seq), 0) FROM record_version") + 1;
  }

  /** Runs {@code write} alone; after it committed, the numbers it used are taken and the listeners told. */
  synchronized <T> T write(Write<T> write) {
    Written<T> written = write.at(nextSeq);
    nextSeq += written.versions();
    if (written.versions() > 0) {
      for (LongConsumer listener : listeners) {
        listener.accept(nextSeq - 1);
      }
    }
    return written.answer();
  }

  void onAppend(LongConsumer listener) {
    listeners.add(listener);
  }
}
