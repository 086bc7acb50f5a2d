package org.cix.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md section 3: the domain knows no transport, no JDBC and no module above it. */
@AnalyzeClasses(packages = "org.cix.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noTransportOrJdbc = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("io.grpc..", "java.sql..", "javax.sql..", "io.netty..");

  @ArchTest
  static final ArchRule noModuleAbove = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("org.cix.storage..", "org.cix.federation..", "org.cix.cli..");
}
