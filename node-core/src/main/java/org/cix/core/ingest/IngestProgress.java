package org.cix.core.ingest;

/**
 * Counts of an ingest so far. {@code created + updated + unchanged + rejected == rows} once done;
 * {@code stored} rows are in the store (whole batches), the rest are still in the current batch.
 */
public record IngestProgress(
    long rows, long created, long updated, long unchanged, long rejected, long stored, long batches, boolean done) {

  public long accepted() {
    return created + updated + unchanged;
  }
}
