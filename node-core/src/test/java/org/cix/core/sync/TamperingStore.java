package org.cix.core.sync;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import org.cix.proto.v1.Seal;

/** A hostile sender's view of its own store: versions and seals altered before they are bundled and signed. */
final class TamperingStore implements ExchangeStore {
  private final ExchangeStore real;
  UnaryOperator<LoggedVersion> versions = UnaryOperator.identity();
  UnaryOperator<Seal> seals = UnaryOperator.identity();
  /** What is sent of the versions read (some left out, or in another order). */
  UnaryOperator<List<LoggedVersion>> sends = UnaryOperator.identity();
  /** The head of the log it tells (beyond the real one, for a version it makes up). */
  LongUnaryOperator head = LongUnaryOperator.identity();

  TamperingStore(ExchangeStore real) {
    this.real = real;
  }

  @Override
  public List<LoggedVersion> changesAfter(long afterSeq, int limit) {
    return sends.apply(real.changesAfter(afterSeq, limit).stream().map(versions).toList());
  }

  @Override
  public List<LoggedVersion> changesNotFrom(long afterSeq, long upToSeq, String neighbour) {
    return sends.apply(real.changesNotFrom(afterSeq, upToSeq, neighbour).stream().map(versions).toList());
  }

  @Override
  public List<LoggedVersion> changesOfTypes(long afterSeq, long upToSeq, Collection<String> types, int limit) {
    return real.changesOfTypes(afterSeq, upToSeq, types, limit);
  }

  @Override
  public Map<String, Seal> seals(Collection<String> sealIds) {
    Map<String, Seal> altered = new HashMap<>();
    real.seals(sealIds).forEach((id, seal) -> altered.put(id, seals.apply(seal)));
    return altered;
  }

  @Override
  public long head() {
    return head.applyAsLong(real.head());
  }

  @Override
  public void putOriginChain(List<X509Certificate> chain) {
    real.putOriginChain(chain);
  }

  @Override
  public Optional<List<X509Certificate>> sealChain(byte[] certSha256) {
    return real.sealChain(certSha256);
  }

  @Override
  public LinkCursor cursor(String peerNode) {
    return real.cursor(peerNode);
  }

  @Override
  public ReceptionOutcome receive(Reception reception) {
    return real.receive(reception);
  }

  @Override
  public void acknowledged(LedgerEntry entry) {
    real.acknowledged(entry);
  }

  @Override
  public void restartReceiving(String peerNode, LedgerEntry note) {
    real.restartReceiving(peerNode, note);
  }

  @Override
  public void ledger(LedgerEntry entry) {
    real.ledger(entry);
  }

  @Override
  public List<LedgerEntry> ledger(int limit) {
    return real.ledger(limit);
  }

  @Override
  public Map<String, org.cix.core.sync.LinkTotals> linkTotals() {
    return real.linkTotals();
  }

  @Override
  public List<LedgerEntry> ledgerSince(long atMillis) {
    return real.ledgerSince(atMillis);
  }

  @Override
  public java.util.Map<String, List<Long>> arrivalLags(long sinceMillis, int limit) {
    return real.arrivalLags(sinceMillis, limit);
  }

  @Override
  public Map<String, Map<String, Long>> versionsByOrigin() {
    return real.versionsByOrigin();
  }

  @Override
  public Map<String, Map<String, Long>> versionsByOriginAndType() {
    return real.versionsByOriginAndType();
  }

  @Override
  public void onAppend(LongConsumer listener) {
    real.onAppend(listener);
  }
}
