package org.cix.core.discipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogException;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.ShippedConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuresLoaderTest {
  private static final Path CONF = Path.of("..", "conf", "measures");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @TempDir Path dir;

  @Test
  void standardMeasures_load_andTheDirectoryInConfIsTheSameSet() {
    Measures standard = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
    Measures conf = MeasuresLoader.load(CatalogSource.directory(CONF), CATALOG);

    assertThat(conf.version()).isEqualTo(standard.version()).hasSize(64);
    assertThat(standard.actions()).containsExactly("administrative-approval.by-commitment",
        "administrative-approval.fast-track", "bank-credit.grant",
        "bond-issuance", "executive-appointment", "government-funding.apply", "high-consumption",
        "public-procurement.bid", "regulatory-inspection.plan");
    assertThat(standard.governing("public-procurement.bid")).extracting(Measure::id).containsExactly(
        "sd-procurement-ban", "jd-procurement-ban", "mv-procurement-ban", "rl-procurement-credit");
    Measure major = standard.all().stream().filter(m -> m.id().equals("mv-procurement-ban")).findFirst().orElseThrow();
    assertThat(major.basis().document()).isEqualTo("国务院令第658号");
    assertThat(major.triggers().get(0).where()).containsKey("penalty_category");
    assertThat(major.triggers().get(1).atLeast()).containsEntry("fine_amount", new java.math.BigDecimal("200"));
    assertThat(major.triggers()).allSatisfy(t -> assertThat(t.within()).contains(java.time.Period.ofYears(3)));
    assertThat(standard.all()).extracting(Measure::measureClass).contains(MeasureClass.values());
  }

  @Test
  void everyProblem_inEveryFile_isReportedTogether() throws Exception {
    copyConf();
    Path file = dir.resolve("major-violations.yaml");
    Files.writeString(file, Files.readString(file)
        .replace("kind: punishment", "kind: penalty")
        .replace("{penalty_category: [责令停产停业,", "{penalty_category: [停业整顿,")
        .replace("actions: [public-procurement.bid]", "actions: [Public Procurement]")
        .replaceFirst("within: 3y}", "within: 3m}")
        .replace("at-least: {fine_amount: 200}", "at-least: {penalty_content: lots}"));
    Path serious = dir.resolve("serious-dishonesty.yaml");
    Files.writeString(serious, Files.readString(serious)
        .replace("reaches: [subject, legal-representative]", "reaches: [subject, director]")
        .replaceFirst("class: management", "class: incentive"));
    Path red = dir.resolve("red-list-incentives.yaml");
    Files.writeString(red, Files.readString(red)
        .replaceFirst("class: incentive", "class: civic")
        .replace("triggers: [{type: red-list}]\n    actions: [administrative-approval.fast-track]",
            "triggers: [{type: green-list, where: {honour: [x]}}]\n    actions: [administrative-approval.fast-track]")
        .replace("departments: [财政部]\n", "")
        .replace("{type: red-list}]\n    actions: [government-funding.apply]",
            "{type: red-list, where: {honour: [x]}}]\n    actions: [government-funding.apply]"));
    Files.writeString(dir.resolve("measures.yaml"), Files.readString(dir.resolve("measures.yaml"))
        + "  - missing.yaml\n");

    assertThatThrownBy(() -> MeasuresLoader.load(CatalogSource.directory(dir), CATALOG))
        .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
            "major-violations.yaml: measures[0].kind: 'penalty' is not a measure kind (punishment, reward)",
            "major-violations.yaml: measures[0].triggers[0].where.penalty_category: '停业整顿' is not a code of "
                + "administrative-penalty.penalty_category",
            "major-violations.yaml: measures[0].actions: 'Public Procurement' is not an action code (lower-case "
                + "words joined by '.' or '-')",
            "red-list-incentives.yaml: measures[0].triggers[0].type: 'green-list' is not a type of catalog "
                + CATALOG.version().substring(0, 12),
            "red-list-incentives.yaml: measures[1].triggers[0].where.honour: is not a code or codes field of red-list",
            "red-list-incentives.yaml: measures[2].departments: name the departments that carry this measure out",
            "major-violations.yaml: measures[0].triggers[0].within: expected a statutory window in years such as 3y, "
                + "got '3m'",
            "major-violations.yaml: measures[0].triggers[1].at-least.penalty_content: is not a decimal field of "
                + "administrative-penalty",
            "major-violations.yaml: measures[0].triggers[1].at-least.penalty_content: 'lots' is not an amount",
            "serious-dishonesty.yaml: measures[3].reaches: 'director' is not whom a measure reaches (subject, "
                + "legal-representative, represented-enterprise)",
            "serious-dishonesty.yaml: measures[4].class: a punishment is of class legal, management or market",
            "red-list-incentives.yaml: measures[0].class: 'civic' is not a measure class (legal, management, market, "
                + "incentive)",
            "missing.yaml: file not found"))
        .hasMessageContaining("13 errors in the measures");
  }

  private void copyConf() {
    ShippedConf.copy("measures", dir);
  }
}
