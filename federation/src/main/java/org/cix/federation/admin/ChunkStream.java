package org.cix.federation.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The bytes of an upload as an InputStream, one gRPC message at a time: the reader takes a
 * chunk, then asks the call for the next one ({@code onTaken}), so at most a couple of chunks
 * are ever in memory and a slow ingest slows the sender down (gRPC flow control), never buffers.
 */
final class ChunkStream extends InputStream {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
  private final Runnable onTaken;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  ChunkStream(Runnable onTaken) {
    this.onTaken = onTaken;
  }

  void offer(byte[] chunk) {
    if (!queue.offer(chunk)) {
      fail(new IOException("upload sent more than it was asked for"));
    }
  }

  void end() {
    queue.offer(END);
  }

  void fail(Throwable cause) {
    queue.clear();
    queue.offer(cause);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (position == current.length) {
      if (ended) {
        return -1;
      }
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("upload interrupted");
      }
      if (next == END) {
        ended = true;
        return -1;
      }
      if (next instanceof Throwable failure) {
        throw new IOException("upload aborted: " + failure.getMessage(), failure);
      }
      current = (byte[]) next;
      position = 0;
      onTaken.run();
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }
}
