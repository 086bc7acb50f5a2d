package org.cix.core.submission;

import java.util.List;

/**
 * What a department gets back for a submission: the submission and its refused rows (at most
 * {@link Submissions#REJECTS_KEPT}); {@code repeated} when the same file had been submitted
 * before and this answer is that first receipt.
 */
public record Receipt(Submission submission, List<SubmissionReject> rejects, boolean repeated) {
  public Receipt {
    rejects = List.copyOf(rejects);
  }
}
