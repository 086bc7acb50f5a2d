package org.cix.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md section 3: crypto works on bytes and JCA types and knows no other cix module. */
@AnalyzeClasses(packages = "org.cix.crypto", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noOtherCixModule = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("org.cix.core..", "org.cix.proto..", "org.cix.storage..", "org.cix.federation..",
          "org.cix.cli..");
}
