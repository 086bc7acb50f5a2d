package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.BackupAdminService;

/** Online backup: a copy of the node taken while it runs. */
public final class BackupFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    // a backup on a thread of its own: ingests and submissions go on while it is written
    return new BackupAdminService(node.services().backup(), node.services().audit(), task -> {
      Thread thread = new Thread(task, "cix-backup");
      thread.setDaemon(true);
      thread.start();
    }, node.clock());
  }
}
