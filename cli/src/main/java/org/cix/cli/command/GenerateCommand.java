package org.cix.cli.command;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cix.core.node.Jurisdiction;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix generate}: synthetic department exports for trials, demos and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic administrative-penalty export (about 1 KiB a row, valid codes over real "
        + "regions, a share of defective rows) and its mapping file (OUT.mapping.yaml).")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rows", defaultValue = "1000", description = "Rows (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--district", defaultValue = "110105", description = "County-level region code (default: ${DEFAULT-VALUE}).")
  String district;

  @Option(names = "--defects", defaultValue = "0.05", description = "Share of defective rows (default: ${DEFAULT-VALUE}).")
  double defects;

  @Option(names = "--encoding", defaultValue = "UTF-8", description = "UTF-8 or GBK (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--seed", defaultValue = "1", description = "Same seed, same file (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Jurisdiction region = Jurisdiction.parse(district);
    if (region.code().length() != 6) {
      throw new IllegalArgumentException("--district must be a county-level (6-digit) code");
    }
    if (defects < 0 || defects > 1) {
      throw new IllegalArgumentException("--defects must be between 0 and 1");
    }
    Charset charset = Charset.forName(encoding);
    int defective;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
      defective = new PenaltyExports(seed, district, defects).write(file, charset, rows);
    }
    Path mapping = Path.of(out + ".mapping.yaml");
    Files.writeString(mapping, PenaltyExports.mapping(charset), StandardCharsets.UTF_8);
    spec.commandLine().getOut().printf("%s: %,d penalty rows of %s (%,d defective, %s), %,d bytes; mapping %s%n",
        out, rows, region.name(), defective, charset.name(), Files.size(out), mapping);
    SyntheticDepartments.Kind kind = SyntheticDepartments.Kind.MARKET_REGULATION;
    spec.commandLine().getOut().printf("its penalising department, to register at the node before the ingest:%n"
        + "  cix department add %s --name %s --types %s%n", SyntheticDepartments.uscc(district, kind),
        SyntheticDepartments.name(district, kind), String.join(",", new java.util.TreeSet<>(kind.types())));
    return 0;
  }
}
