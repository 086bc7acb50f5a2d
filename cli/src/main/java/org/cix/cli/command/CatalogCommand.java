package org.cix.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix catalog check}: load a catalog, list its types and version, or every error. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Check a credit catalog and list its record types (default: the standard catalog).")
public final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "A catalog directory (with catalog.yaml).")
  Path dir;

  @Override
  public Integer call() {
    Catalog catalog = CatalogLoader.load(dir == null ? CatalogSource.standard() : CatalogSource.directory(dir));
    PrintWriter out = spec.commandLine().getOut();
    out.println(catalog.name());
    out.println("version " + catalog.version());
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TYPE", "LABEL", "FIELDS", "IDENTIFIED BY", "SHARING", "ROUTING"});
    for (RecordType type : catalog.types()) {
      rows.add(new String[] {type.id() + " v" + type.version(), type.label(), Integer.toString(type.fields().size()),
          String.join(" + ", type.identity()), type.sharing().word(),
          type.routing().stream().map(r -> r.word()).sorted().collect(Collectors.joining(", "))});
    }
    TextTable.print(rows, out);
    return 0;
  }
}
