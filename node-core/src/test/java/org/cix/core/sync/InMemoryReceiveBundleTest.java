package org.cix.core.sync;

import org.cix.core.node.InMemoryNodeStores;
import org.cix.core.node.NodeStores;

/** Reception's specification on stores in memory: the domain's rules, without a database. */
class InMemoryReceiveBundleTest extends ReceiveBundleContract {
  @Override
  protected NodeStores open(String name) {
    return InMemoryNodeStores.create();
  }

  @Override
  protected boolean keepsArrivalTimes() {
    return false;
  }
}
