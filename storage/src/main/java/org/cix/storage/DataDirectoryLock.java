package org.cix.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cix.core.error.CixException;

/** {@code dataDir/LOCK}, held for as long as an H2 database is open: one user per data directory. */
final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;

  private DataDirectoryLock(FileChannel channel) {
    this.channel = channel;
  }

  /** Takes the lock, or says the directory is in use. */
  static DataDirectoryLock take(Path dataDir) {
    Path file = dataDir.resolve("LOCK");
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        if (channel.tryLock() != null) {
          return new DataDirectoryLock(channel);
        }
      } catch (OverlappingFileLockException e) {
        // this process holds it already
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    throw new CixException(CixException.Kind.UNAVAILABLE, "cannot open the database in " + dataDir
        + ": it is in use (is another node using this data directory?)");
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}
