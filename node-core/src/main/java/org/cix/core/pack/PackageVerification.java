package org.cix.core.pack;

import java.util.List;
import java.util.Map;

/**
 * What verifying a package found: who signed the manifest (or why the signature does not hold),
 * files changed after export, and each record that does not verify with its line and why.
 *
 * @param records records in the package
 * @param verified records whose sealed bytes, proof, seal and chain verify and whose readable form
 *     says what the sealed bytes say
 * @param masked masked records whose place in their origin's seal verifies (their fields cannot)
 */
public record PackageVerification(String exporter, String scope, String purpose, String createdAt,
    String signatureProblem, Map<String, String> fileProblems, List<String> sealProblems, long records, long verified,
    long masked, List<RecordProblem> problems) {
  public PackageVerification {
    fileProblems = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fileProblems));
    sealProblems = List.copyOf(sealProblems);
    problems = List.copyOf(problems);
  }

  /** One record that does not verify: its line in records.jsonl (1 = first), its id, why. */
  public record RecordProblem(long line, String recordId, String reason) {}

  public boolean intact() {
    return signatureProblem.isEmpty() && fileProblems.isEmpty() && sealProblems.isEmpty() && problems.isEmpty()
        && verified + masked == records;
  }
}
