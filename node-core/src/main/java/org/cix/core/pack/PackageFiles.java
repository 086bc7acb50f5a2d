package org.cix.core.pack;

import java.util.List;

/** The files of a credit package (a zip). */
final class PackageFiles {
  static final String FORMAT = "cix-credit-package-1";
  /** What was asked, by whom and why; counts; the SHA-256 of every other file. Signed. */
  static final String MANIFEST = "manifest.json";
  /** The exporting node's signature over the manifest and its sealing chain. */
  static final String SIGNATURE = "signature.json";
  /** Chinese and English labels of the types and fields in the package. */
  static final String CATALOG = "catalog.json";
  /** One record per line, fields by catalog key: the form for people and systems. */
  static final String RECORDS = "records.jsonl";
  /** The sealed bytes and proofs, record by record in the order of {@link #RECORDS}. Not compressed. */
  static final String RECORDS_PB = "records.pb";
  /** The seals and the origins' certificate chains. */
  static final String EVIDENCE = "evidence.pb";
  /** Each subject's standing, for reading. */
  static final String SUMMARY = "summary.html";

  /** The files the manifest lists with their digests, in the order they are written. */
  static final List<String> DIGESTED = List.of(CATALOG, RECORDS, RECORDS_PB, EVIDENCE, SUMMARY);

  private PackageFiles() {}
}
