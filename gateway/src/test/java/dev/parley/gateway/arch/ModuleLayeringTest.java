package dev.parley.gateway.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Enforces the one-way flow gateway -> clean-room -> consent -> ledger at package level, over the
 * compiled classes of every module (the gateway's test class path holds them all).
 */
class ModuleLayeringTest {
  private static final JavaClasses PARLEY =
      new ClassFileImporter()
          // Production classes only: not this module's tests, nor clean-room's test-jar fixtures.
          .withImportOption(
              location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
          .importPackages("dev.parley");

  @Test
  void layers_dependOnlyDownward_noUpwardReach() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("gateway")
        .definedBy("dev.parley.gateway..")
        .layer("cleanroom")
        .definedBy("dev.parley.cleanroom..")
        .layer("consent")
        .definedBy("dev.parley.consent..")
        .layer("ledger")
        .definedBy("dev.parley.ledger..")
        .whereLayer("gateway")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("cleanroom")
        .mayOnlyBeAccessedByLayers("gateway")
        .whereLayer("consent")
        .mayOnlyBeAccessedByLayers("gateway", "cleanroom")
        .withOptionalLayers(true)
        .check(PARLEY);
  }

  @Test
  void packages_withinEveryModule_areFreeOfCycles() {
    slices()
        .matching("dev.parley.(*).(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(PARLEY);
  }
}
