package org.cix.core.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.core.account.Account;
import org.cix.core.account.Role;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.error.CixException;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.crypto.hash.Hashes;

/**
 * Submissions of departments: a file already received in full is identified by its SHA-256; a
 * file the department submitted before (and whose ingest finished) is not ingested again, and the
 * answer is its first receipt, so nothing (no refused row, no quality issue) is counted twice.
 * Otherwise the file is ingested under the account, refusing rows that name another department,
 * and the receipt kept for the department's accounts. One submission at a time.
 */
public final class Submissions {
  /** Refused rows kept per submission; the counts include every one. */
  public static final int REJECTS_KEPT = 100_000;
  /** Submissions listed at most. */
  public static final int LISTED = 1_000;

  private final SubmissionStore store;
  private final IngestJob ingest;
  private final AuditLog audit;
  private final Clock clock;

  public Submissions(SubmissionStore store, IngestJob ingest, AuditLog audit, Clock clock) {
    this.store = store;
    this.ingest = ingest;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Submits {@code content} (the file as received, named {@code fileName} by the department) read
   * by {@code mapping}; {@code listener} hears refused rows and progress as they come.
   */
  public synchronized Receipt submit(Account account, String fileName, Mapping mapping, Path content,
      IngestJob.Listener listener) {
    account.require(Role.SUBMITTER, "submit exports");
    String digest = sha256(content);
    Optional<Submission> earlier = store.finished(account.department(), digest);
    if (earlier.isPresent()) {
      Submission first = earlier.get();
      audit.append(new AuditEvent(clock.instant(), account.actor(), "submission.repeat", "", "file=" + fileName
          + " sha256=" + digest + " first=" + first.id()));
      return new Receipt(first, store.rejects(first.id()), true);
    }
    Submission begun = store.begin(new Submission(0, account.name(), account.department(), fileName, mapping.type(),
        digest, clock.instant(), Optional.empty(), Optional.empty()));
    List<SubmissionReject> rejects = new ArrayList<>();
    IngestJob.Listener keeping = new IngestJob.Listener() {
      @Override
      public void rejected(SourceRow row, List<RowProblem> problems) {
        for (RowProblem problem : problems) {
          if (rejects.size() < REJECTS_KEPT) {
            rejects.add(new SubmissionReject(row.number(), row.where(), problem.field(), problem.code(),
                problem.message()));
          }
        }
        listener.rejected(row, problems);
      }

      @Override
      public void progress(IngestProgress progress) {
        listener.progress(progress);
      }
    };
    IngestProgress result;
    try (InputStream in = Files.newInputStream(content); RowSource rows = RowSource.open(in, mapping, fileName)) {
      result = ingest.run(mapping, rows, fileName, keeping, Optional.of(account.department()));
    } catch (IOException e) {
      store.fail(begun.id(), e.getMessage());
      throw CixException.invalidInput(fileName + ": " + e.getMessage());
    } catch (RuntimeException e) {
      store.fail(begun.id(), String.valueOf(e.getMessage()));
      throw e;
    }
    store.finish(begun.id(), result, rejects);
    audit.append(new AuditEvent(clock.instant(), account.actor(), "submission", "", "id=" + begun.id() + " file="
        + fileName + " type=" + mapping.type() + " sha256=" + digest + " rows=" + result.rows() + " accepted="
        + result.accepted() + " rejected=" + result.rejected()));
    return new Receipt(store.byId(begun.id()).orElseThrow(), rejects, false);
  }

  /** The receipt of submission {@code id}, for an account of the department that made it. */
  public Receipt receipt(Account account, long id) {
    account.require(Role.SUBMITTER, "read receipts");
    Submission submission = store.byId(id).filter(s -> s.department().equals(account.department()))
        .orElseThrow(() -> CixException.notFound("no submission " + id + " of department " + account.department()));
    return new Receipt(submission, store.rejects(id), false);
  }

  /** The department's latest submissions, newest first. */
  public List<Submission> list(Account account, int limit) {
    account.require(Role.SUBMITTER, "list submissions");
    return store.ofDepartment(account.department(), Math.max(1, Math.min(limit, LISTED)));
  }

  private static String sha256(Path content) {
    MessageDigest digest = Hashes.newSha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(content)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the received file " + content, e);
    }
    return Hashes.hex(digest.digest());
  }
}
