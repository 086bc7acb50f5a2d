package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.cix.core.error.CixException;

/** A server stream of chunks (a package, a backup) written to a file as it arrives. */
final class ChunkDownload {
  private ChunkDownload() {}

  /** Writes the data of a stream of chunks to {@code out} and answers its last message's summary. */
  static <M, D> D of(String what, Supplier<Iterator<M>> call,
      Function<M, ByteString> data, Function<M, D> done,
      OutputStream out, LongConsumer received,
      Function<StatusRuntimeException, CixException> failure) {
    long bytes = 0;
    try {
      Iterator<M> chunks = call.get();
      D summary = null;
      while (chunks.hasNext()) {
        M chunk = chunks.next();
        ByteString part = data.apply(chunk);
        part.writeTo(out);
        bytes += part.size();
        received.accept(bytes);
        summary = Optional.ofNullable(done.apply(chunk)).orElse(summary);
      }
      if (summary == null) {
        throw new CixException(CixException.Kind.UNAVAILABLE,
            "the " + what + " ended before the node said it was complete");
      }
      return summary;
    } catch (StatusRuntimeException e) {
      throw failure.apply(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
