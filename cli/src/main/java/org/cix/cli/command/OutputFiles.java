package org.cix.cli.command;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.cix.crypto.pem.PrivateFiles;

/**
 * Files the CLI writes whole (exports, packages, reports): written beside the target as
 * {@code .partial}, owner-only (0600: they hold a node's records), forced to disk, then moved into
 * place in one step, so a crash or a failure leaves either the old file or the complete new one,
 * never half of it.
 */
final class OutputFiles {
  private OutputFiles() {}

  interface Content<T> {
    T write(OutputStream out) throws IOException;
  }

  static <T> T writeAtomically(Path target, Content<T> content) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    T result;
    PrivateFiles.createFile(partial);
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
      result = content.write(out);
      out.flush();
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return result;
  }
}
