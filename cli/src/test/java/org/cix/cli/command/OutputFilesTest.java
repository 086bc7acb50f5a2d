package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path dir;

  @Test
  void writeAtomically_leavesAnOwnerOnlyFile_evenOverAWorldReadableOne() throws Exception {
    Path export = dir.resolve("node.export");
    Files.writeString(export, "an older export");
    Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rw-r--r--"));

    OutputFiles.writeAtomically(export, out -> {
      out.write("records".getBytes(StandardCharsets.UTF_8));
      return null;
    });

    assertThat(Files.readString(export)).isEqualTo("records");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
  }

  @Test
  void writeAtomically_failing_keepsTheOldFile_andLeavesNoPartial() throws Exception {
    Path export = dir.resolve("node.export");
    Files.writeString(export, "an older export");

    assertThatThrownBy(() -> OutputFiles.writeAtomically(export, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).hasMessage("disk full");

    assertThat(Files.readString(export)).isEqualTo("an older export");
    assertThat(dir.resolve("node.export.partial")).doesNotExist();
  }
}
