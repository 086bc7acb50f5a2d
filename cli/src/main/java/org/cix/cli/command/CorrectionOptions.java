package org.cix.cli.command;

import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.ListCorrectionsRequest;
import picocli.CommandLine.Option;

/** The options {@code cix objection} and {@code cix repair} share (picocli mixins). */
final class CorrectionOptions {
  private CorrectionOptions() {}


  /** What filing a request needs besides its kind, reason and conditions. */
  static final class Filing {
    @Option(names = "--subject", required = true, paramLabel = "ID", description = "The subject's USCC or ID number.")
    String subject;

    @Option(names = "--record", required = true, paramLabel = "RECORD_ID", description = "The record (cix subject).")
    String record;

    @Option(names = "--evidence", paramLabel = "TEXT", description = "Reference to the evidence handed in.")
    String evidence = "";

    @Option(names = "--contact", paramLabel = "TEXT", description = "How to reach the subject (kept as personal data).")
    String contact = "";


    FileCorrectionRequest.Builder request(String kind, String reason) {
      return FileCorrectionRequest.newBuilder().setKind(kind).setSubjectId(subject).setRecordId(record)
          .setReason(reason).setEvidence(evidence).setContact(contact).setFiledBy(RunningNode.USER);
    }
  }

  /** Which requests a list shows. */
  static final class Listing {
    @Option(names = "--open", description = "Only those not decided yet.")
    boolean open;

    @Option(names = "--overdue", description = "Only open ones past their deadline.")
    boolean overdue;

    ListCorrectionsRequest request(String kind) {
      return ListCorrectionsRequest.newBuilder().setKind(kind).setOpenOnly(open).setOverdueOnly(overdue).build();
    }
  }

  /** Who decides and why. */
  static final class Deciding {
    @Option(names = "--note", paramLabel = "TEXT", description = "The reasons, sent with the decision.")
    String note = "";
  }
}
