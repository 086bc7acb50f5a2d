package org.cix.core.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** Fails a read once a single line exceeds {@code max} characters: a 100 MB "field" is refused early. */
final class RowLengthGuard extends FilterReader {
  private final int max;
  private int sinceNewline;

  RowLengthGuard(Reader in, int max) {
    super(in);
    this.max = max;
  }

  static final class RowTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    RowTooLongException(int max) {
      super("a line longer than " + max + " characters");
    }
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    count(c);
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      count(buffer[offset + i]);
    }
    return n;
  }

  private void count(int c) throws RowTooLongException {
    if (c == '\n') {
      sinceNewline = 0;
    } else if (c >= 0 && ++sinceNewline > max) {
      throw new RowTooLongException(max);
    }
  }
}
