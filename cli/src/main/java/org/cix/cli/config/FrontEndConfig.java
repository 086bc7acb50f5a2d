package org.cix.cli.config;

import java.time.Duration;

/**
 * A node process run as a read front end (section {@code front-end}): its storage is a hot
 * standby of the writer's PostgreSQL database; it answers reads while that standby is at most
 * {@code maxLag} behind, and records the checks it answers in {@code writerDatabase}.
 */
public record FrontEndConfig(Duration maxLag, StorageConfig writerDatabase) {
  public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);

  public String describe() {
    return "read front end, at most " + maxLag + " behind; checks recorded in " + writerDatabase.describe();
  }
}
