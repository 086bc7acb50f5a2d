package org.cix.federation.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.cix.core.sync.ChangeLogFollower;
import org.junit.jupiter.api.Test;

/**
 * A node's background work stopping: its followers are told, so they end on their own instead of
 * being interrupted (H2 does not survive that).
 */
class BackgroundWorkTest {

  /** A follower that notes its turn and, on the first, sees the node stop while it reads. */
  private static ChangeLogFollower follower(String name, List<String> ran, AtomicBoolean stopping) {
    return new ChangeLogFollower() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long follow() {
        throw new AssertionError("the background follows with the stop");
      }

      @Override
      public long follow(BooleanSupplier stop) {
        ran.add(name + (stop.getAsBoolean() ? " told to stop" : " reading"));
        stopping.set(true);
        ran.add(name + (stop.getAsBoolean() ? " told to stop" : " reading"));
        return 0;
      }
    };
  }

  @Test
  void aNodeStoppingWhileAFollowerReads_tellsIt_andRunsNoFollowerAfterIt() {
    AtomicBoolean stopping = new AtomicBoolean();
    List<String> ran = new ArrayList<>();

    BackgroundWork.followChangeLog(List.of(follower("quality", ran, stopping), follower("objections", ran, stopping)),
        stopping);

    assertThat(ran).containsExactly("quality reading", "quality told to stop");
  }
}
