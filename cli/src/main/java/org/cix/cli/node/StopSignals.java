package org.cix.cli.node;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the handler only releases the main thread,
 * which closes the node and exits 0. (A JVM shutdown hook would exit 143 instead.)
 */
public final class StopSignals {
  private StopSignals() {}

  public static void onStop(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> stop.run());
      } catch (IllegalArgumentException e) {
        // the platform has no such signal: the default handling stays
      }
    }
  }
}
