package org.cix.core.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses YAML documents whose top is a mapping: plain data only (no Java types), duplicate keys
 * refused, aliases limited.
 */
public final class YamlFiles {
  private YamlFiles() {}

  /** Why a document could not be read at all (as opposed to a wrong value inside it). */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String problem) {
      super(problem, null, false, false);
    }
  }

  public static Map<?, ?> readMapping(Path file) throws Unreadable {
    if (Files.isDirectory(file)) {
      throw new Unreadable("is a directory: name the YAML file in it");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    } catch (NoSuchFileException e) {
      throw new Unreadable("file not found");
    } catch (IOException e) {
      throw new Unreadable("cannot read: " + e.getMessage());
    }
  }

  public static Map<?, ?> parseMapping(String text) throws Unreadable {
    return parse(new StringReader(text));
  }

  private static Map<?, ?> parse(Reader reader) throws Unreadable {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    Object document;
    try {
      document = new Yaml(new SafeConstructor(options)).load(reader);
    } catch (YAMLException e) {
      throw new Unreadable("not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
    } catch (RuntimeException e) {
      // SnakeYAML fails on some hostile input with other exceptions (found by fuzzing: an
      // IllegalArgumentException for a bad !!binary value, a ClassCastException for a tag
      // applied to a mapping): the file is unreadable all the same
      throw new Unreadable("not valid YAML (" + e.getClass().getSimpleName() + ")");
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new Unreadable("expected a YAML mapping of keys at the top");
    }
    return map;
  }
}
