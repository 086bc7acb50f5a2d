package org.cix.core.submission;

import java.util.List;
import java.util.Optional;
import org.cix.core.ingest.IngestProgress;

/** The submissions of a node (port; storage keeps them in the node's database). */
public interface SubmissionStore {
  /** Records a submission as begun (its id is ignored); returns it with its id. */
  Submission begin(Submission submission);

  /** Records how a submission ended, with its refused rows. */
  void finish(long id, IngestProgress result, List<SubmissionReject> rejects);

  /** Records that a submission failed, and why. */
  void fail(long id, String reason);

  Optional<Submission> byId(long id);

  /** The finished submission of {@code department} whose file has digest {@code sha256}, if any. */
  Optional<Submission> finished(String department, String sha256);

  List<SubmissionReject> rejects(long id);

  /** The latest {@code limit} submissions of {@code department}, newest first. */
  List<Submission> ofDepartment(String department, int limit);
}
