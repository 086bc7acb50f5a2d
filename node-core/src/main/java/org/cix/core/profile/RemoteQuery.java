package org.cix.core.profile;

import java.time.Duration;

/** Asks another node (the parent) about a subject (port; the federation module implements it on gRPC). */
public interface RemoteQuery {
  /** The node asked. */
  String node();

  /** Its answer within {@code within}, or {@link NoAnswer} with why there is none. */
  SubjectAnswer ask(SubjectQuestion question, Duration within) throws NoAnswer;

  /** The node did not answer: unreachable, too slow, or refused. */
  final class NoAnswer extends Exception {
    private static final long serialVersionUID = 1L;

    public NoAnswer(String reason) {
      super(reason);
    }
  }
}
