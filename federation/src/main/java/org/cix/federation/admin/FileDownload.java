package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import org.cix.core.pack.NonClosingOutputStream;

/**
 * One file made by the node and sent over the admin API (a credit package, a backup): written to
 * a temporary file, then sent in chunks as fast as the client reads them (no buffering beyond one
 * chunk), the last message with what it holds. The temporary file is gone whatever happens, a
 * kill -9 included.
 *
 * @param <M> the stream's message: a chunk of data, or the last one
 */
final class FileDownload<M> {
  private static final int CHUNK = 1 << 20;

  private final ReadySender<M> sender;
  private final Function<ByteString, M> chunk;

  /** {@code what}: the file's name in logs; {@code chunk}: the message carrying some of its bytes. */
  FileDownload(String what, ServerCallStreamObserver<M> responses, Function<ByteString, M> chunk) {
    this.sender = new ReadySender<>(what, responses, () -> { });
    this.chunk = chunk;
  }


  /**
   * Writes the file with {@code write}, which answers the last message given the file's size, and
   * sends it; on a worker thread.
   */
  void run(Function<OutputStream, java.util.function.LongFunction<M>> write) {
    // DELETE_ON_CLOSE unlinks the file as soon as it is open (Linux): a node killed mid-export
    // leaves nothing behind in the temporary directory
    try (FileChannel file = FileChannel.open(Files.createTempFile("cix-download-", ".tmp"),
        StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
      OutputStream out = new BufferedOutputStream(
          // a writer may close its stream when the file is complete; the file is read back after
          new NonClosingOutputStream(Channels.newOutputStream(file)), 1 << 16);
      java.util.function.LongFunction<M> done = write.apply(out);
      out.flush();
      long size = file.position();
      file.position(0);
      InputStream in = Channels.newInputStream(file);
      byte[] buffer = new byte[CHUNK];
      for (int n = in.readNBytes(buffer, 0, CHUNK); n > 0; n = in.readNBytes(buffer, 0, CHUNK)) {
        sender.send(chunk.apply(ByteString.copyFrom(buffer, 0, n)));
      }
      sender.send(done.apply(size));
      sender.complete();
    } catch (IOException e) {
      sender.fail(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      sender.fail(e);
    }
  }
}
