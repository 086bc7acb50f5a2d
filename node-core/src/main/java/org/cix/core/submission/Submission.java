package org.cix.core.submission;

import java.time.Instant;
import java.util.Optional;
import org.cix.core.ingest.IngestProgress;

/**
 * One submission: who sent which file (by name and SHA-256 of its bytes) of which type when, and
 * how it ended: the ingest's counts, or why it failed (both empty while it runs, or when the node
 * stopped during it).
 */
public record Submission(long id, String account, String department, String fileName, String type, String sha256,
    Instant at, Optional<IngestProgress> result, Optional<String> failure) {
  public boolean finished() {
    return result.isPresent();
  }
}
