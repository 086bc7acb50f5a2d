package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a local user or a stolen disk sees of an H2 store: an owner-only directory of encrypted files. */
class H2AtRestTest {
  static final Fault LOCAL_READER = new Fault(
      "another local user, or a copy of the disk, reads a node's data directory",
      "the directory is 0700 and its files 0600 whatever the umask; with storage.key the file is AES-encrypted: "
          + "no record text in it, and it does not open without the key");
  /** Random hex: nothing for the page compression to shorten, so the plain file shows it as it is. */
  private static final String MARKER = java.util.UUID.randomUUID().toString();
  @TempDir Path dir;

  @Test
  void encryptedStore_holdsNoPlainText_opensOnlyWithItsKey_andIsOwnerOnly() throws Exception {
    LOCAL_READER.inflicted();
    Path data = dir.resolve("data");
    String key = StorageKey.generate();
    try (Database database = Database.openH2(data, Optional.of(key))) {
      write(database, MARKER);
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.filter(Files::isRegularFile)).isNotEmpty().allSatisfy(file -> assertThat(
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------"));
    }
    assertThat(contains(data.resolve(Database.FILE + ".mv.db"), MARKER)).as("no plain text on disk").isFalse();
    assertThatThrownBy(() -> Database.openH2(data)).hasMessageContaining("if this store is encrypted, the node "
        + "directory needs the storage.key it was made with");
    assertThatThrownBy(() -> Database.openH2(data, Optional.of(StorageKey.generate())))
        .hasMessageContaining("may not be the key this store was encrypted with");
    try (Database database = Database.openH2(data, Optional.of(key))) {
      assertThat(read(database)).isEqualTo(MARKER);
    }
  }

  @Test
  void plainStore_showsItsText_soTheKeyIsWhatProtectsIt() throws Exception {
    Path data = dir.resolve("plain");
    try (Database database = Database.openH2(data)) {
      write(database, MARKER);
    }
    assertThat(contains(data.resolve(Database.FILE + ".mv.db"), MARKER)).isTrue();
  }

  @Test
  void dataDirectoryOpenToOthers_isRefusedWithTheFix() throws Exception {
    Path data = Files.createDirectories(dir.resolve("open"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> Database.openH2(data)).hasMessageContaining("open to other users (rwxr-xr-x)")
        .hasMessageContaining("run: chmod 700 " + data);
  }

  private static void write(Database database, String text) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE at_rest (t VARCHAR(200))");
      s.execute("INSERT INTO at_rest VALUES ('" + text + "')");
    }
  }

  private static String read(Database database) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT t FROM at_rest")) {
      r.next();
      return r.getString(1);
    }
  }

  private static boolean contains(Path file, String text) throws Exception {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
        .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }
}
