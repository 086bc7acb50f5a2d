package org.cix.core.pack;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through; closing it only flushes, leaving the stream beneath open: for writers
 * that close what they are given when the caller still needs the stream (a zip entry, a file read
 * back afterwards).
 */
public final class NonClosingOutputStream extends FilterOutputStream {
  public NonClosingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
