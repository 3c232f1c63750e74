package dev.console3270.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/ARCHITECTURE.md, checked on the compiled main classes. */
@AnalyzeClasses(
    packages = "dev.console3270",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestClasses.class})
class ArchitectureTest {

  /** Leaves out test classes wherever the build puts them ({@code -DbuildDir=...} too). */
  static final class NoTestClasses implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule protocolIsPureJava =
      noClasses()
          .that()
          .resideInAPackage("dev.console3270.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..",
              "java.net..",
              "java.nio.channels..",
              "javax.net..",
              "java.util.concurrent..",
              "java.io.File..",
              "java.nio.file..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(Thread.class, ThreadGroup.class, Runnable.class)
          .because(
              "the protocol core is bytes in, bytes out: no JavaFX, sockets, files or threads");

  @ArchTest
  static final ArchRule onlyUiImportsJavaFx =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.console3270.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javafx..")
          .because("only dev.console3270.ui may use JavaFX");

  @ArchTest
  static final ArchRule protocolDependsOnNothingOutward =
      noClasses()
          .that()
          .resideInAPackage("dev.console3270.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.console3270.session..",
              "dev.console3270.ui..",
              "dev.console3270.api..",
              "dev.console3270.app..",
              "dev.console3270.audit..",
              "dev.console3270.endpoint..",
              "dev.console3270.host..")
          .because("dependencies point inward: everything may use protocol, protocol uses none");

  @ArchTest
  static final ArchRule endpointUsesOnlyTlsModeOfSession =
      noClasses()
          .that()
          .resideInAPackage("dev.console3270.endpoint..")
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "a session/ui/api/app class other than session.TlsMode",
                  (com.tngtech.archunit.core.domain.JavaClass c) ->
                      (c.getPackageName().startsWith("dev.console3270.session")
                              && !c.getName().equals("dev.console3270.session.TlsMode"))
                          || c.getPackageName().startsWith("dev.console3270.ui")
                          || c.getPackageName().startsWith("dev.console3270.api")
                          || c.getPackageName().startsWith("dev.console3270.app")))
          .because("the endpoint package knows hosts, not sessions: only session.TlsMode");

  @ArchTest
  static final ArchRule auditStandsAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.console3270.audit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..", "dev.console3270.ui..", "dev.console3270.api..", "dev.console3270.app..")
          .because("the audit trail is plain Java that every layer may write to");
}
