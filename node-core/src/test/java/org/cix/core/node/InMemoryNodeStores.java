package org.cix.core.node;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.cix.core.account.AccountStore;
import org.cix.core.audit.InMemoryAuditLog;
import org.cix.core.correction.InMemoryCorrectionStore;
import org.cix.core.discipline.CheckLog;
import org.cix.core.discipline.MeasuresStore;
import org.cix.core.quality.InMemoryQualityStore;
import org.cix.core.sharing.InMemoryGrantStore;
import org.cix.core.store.InMemoryRecordStore;
import org.cix.core.store.StoreBackup;
import org.cix.core.submission.SubmissionStore;
import org.cix.core.sync.InMemoryExchangeStore;

/**
 * The stores of a node in memory, for tests of the domain that assemble whole nodes: records, the
 * exchange, the quality queue, correction requests, grants, the audit log and adopted measures.
 * The stores of checks, accounts, submissions and backups are absent: a call to one fails,
 * naming it.
 */
public final class InMemoryNodeStores {
  private InMemoryNodeStores() {}

  public static NodeStores create() {
    InMemoryRecordStore records = new InMemoryRecordStore();
    InMemoryQualityStore quality = new InMemoryQualityStore();
    return new NodeStores(records, new InMemoryExchangeStore(records, quality), absent(CheckLog.class),
        new InMemoryGrantStore(), new InMemoryAuditLog(), new AdoptedMeasures(), new InMemoryCorrectionStore(),
        quality, absent(AccountStore.class), absent(SubmissionStore.class), absent(StoreBackup.class));
  }

  private static final class AdoptedMeasures implements MeasuresStore {
    private Optional<Map<String, byte[]>> adopted = Optional.empty();

    @Override
    public synchronized Optional<Map<String, byte[]>> adopted() {
      return adopted;
    }

    @Override
    public synchronized void adopt(Map<String, byte[]> files) {
      adopted = Optional.of(Map.copyOf(files));
    }
  }

  /** A store these tests do not keep: any call to it but Object's fails. */
  private static <T> T absent(Class<T> port) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) ->
        switch (method.getName()) {
          case "toString" -> "absent " + port.getSimpleName();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(port.getSimpleName() + "." + method.getName()
              + " is not kept in memory (InMemoryNodeStores)");
        }));
  }
}
