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

/**
 * {@code cix catalog}: load a catalog, list its types and version, or every error; {@code cix
 * catalog show TYPE}: every field of a type, what a mapping maps columns to.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Check a credit catalog and list its record types (default: the standard catalog).",
    subcommands = CatalogCommand.Show.class)
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
    out.println();
    out.println("every field of a type, for a mapping: cix catalog show TYPE");
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Every field of a record type: the key a mapping maps a column to, its Chinese and English "
          + "names, type, whether required, and its codes; then how the type is identified, decided, published "
          + "and routed.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "A catalog directory (with catalog.yaml).")
    Path dir;

    @picocli.CommandLine.Parameters(paramLabel = "TYPE", description = "A record type, e.g. serious-dishonesty.")
    String typeId;

    @Override
    public Integer call() {
      Catalog catalog = CatalogLoader.load(dir == null ? CatalogSource.standard() : CatalogSource.directory(dir));
      RecordType type = catalog.type(typeId).orElseThrow(() -> org.cix.core.error.CixException.invalidInput(
          "no record type '" + typeId + "'; the types are: " + catalog.types().stream().map(RecordType::id)
              .collect(Collectors.joining(", "))));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s v%d  %s (%s)%n%n", type.id(), type.version(), type.label(), type.labelEn());
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"KEY", "名称", "NAME", "TYPE", "REQUIRED", "CODES"});
      for (org.cix.core.catalog.FieldDef f : type.fields()) {
        String kind = f.type().word()
            + (f.type() == org.cix.core.catalog.FieldType.TEXT && f.maxLength() > 0 ? " (" + f.maxLength() + ")" : "")
            + (f.personal() ? ", personal" : "");
        rows.add(new String[] {f.key(), f.label(), f.labelEn(), kind, f.required() ? "yes" : "",
            String.join("、", f.codes())});
      }
      TextTable.print(rows, out);
      out.println();
      out.printf("subject       %s%n", type.subjectField());
      out.printf("identified by %s%n", String.join(" + ", type.identity()));
      type.decidedBy().ifPresent(d -> out.printf("decided by    %s (%s_uscc must be a department this node "
          + "registered for %s)%n", d, d, type.id()));
      org.cix.core.catalog.Publicity p = type.publicity();
      out.printf("public        from %s until %s%s%n", p.fromField().isEmpty() ? "-" : p.fromField(),
          p.untilFields().isEmpty() ? "withdrawn" : String.join(" or ", p.untilFields()),
          p.defaultLength().map(d -> ", else " + d + " after").orElse(""));
      for (org.cix.core.catalog.Requirement r : type.requires()) {
        out.printf("requires      %s when %s holds %s%n", r.thenField(), r.whenField(), r.holds());
      }
      out.printf("sharing       %s; routing %s%n", type.sharing().word(), type.routing().stream()
          .map(r -> r.word()).sorted().collect(Collectors.joining(", ")));
      return 0;
    }
  }
}
