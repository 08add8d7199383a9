package io.github.aiplaybooks.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code …mcp.internal} internal and the packages of the module layered: {@code jsonrpc} at
 * the bottom, {@code schema} on it, {@code client} and {@code server} side by side, {@code tool}
 * (the router) on the client.
 */
class McpArchitectureTest {
  private static final String ROOT = "io.github.aiplaybooks";
  private static final String INTERNAL = "io.github.aiplaybooks.mcp.internal";

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void noPublicApiOutsideInternalExposesAnInternalType() {
    Set<String> leaks = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      if (c.getPackageName().startsWith(INTERNAL) || !isVisible(c)) {
        continue;
      }
      c.getRawSuperclass()
          .filter(McpArchitectureTest::isInternal)
          .ifPresent(s -> leaks.add(c.getName() + " extends " + s.getName()));
      c.getRawInterfaces().stream()
          .filter(McpArchitectureTest::isInternal)
          .forEach(i -> leaks.add(c.getName() + " implements " + i.getName()));
      for (JavaMember member : c.getMembers()) {
        if (!member.getModifiers().contains(JavaModifier.PUBLIC)
            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        for (JavaType type : signatureTypes(member)) {
          for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (isInternal(raw)) {
              leaks.add(member.getFullName() + " exposes " + raw.getName());
            }
          }
        }
      }
    }
    assertThat(leaks).as("public members that expose %s", INTERNAL).isEmpty();
  }

  private static boolean isVisible(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isInternal(JavaClass c) {
    return c.getPackageName().startsWith(INTERNAL);
  }

  private static List<JavaType> signatureTypes(JavaMember member) {
    List<JavaType> types = new ArrayList<>();
    if (member instanceof JavaField f) {
      types.add(f.getType());
    } else if (member instanceof JavaCodeUnit code) {
      types.add(code.getReturnType());
      types.addAll(code.getParameterTypes());
      types.addAll(code.getExceptionTypes());
    }
    return types;
  }

  @Test
  void theInternalPackageDependsOnNoApiAboveTheCodec() {
    noClasses()
        .that()
        .resideInAPackage(INTERNAL + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.mcp.client..",
            "io.github.aiplaybooks.mcp.server..",
            "io.github.aiplaybooks.mcp.tool..")
        .check(CLASSES);
  }

  @Test
  void theCodecAndTheSchemaKnowNothingOfClientServerOrRouter() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.github.aiplaybooks.mcp.jsonrpc..", "io.github.aiplaybooks.mcp.schema..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.mcp.client..",
            "io.github.aiplaybooks.mcp.server..",
            "io.github.aiplaybooks.mcp.tool..",
            INTERNAL + "..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.mcp.jsonrpc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.aiplaybooks.mcp.schema..")
        .check(CLASSES);
  }

  @Test
  void clientAndServerDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.mcp.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.mcp.server..", "io.github.aiplaybooks.mcp.tool..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.mcp.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.aiplaybooks.mcp.client..")
        .check(CLASSES);
  }

  @Test
  void theRulesSeeTheWholeModule() {
    // A rule over no classes passes vacuously: make sure the import found the module.
    assertThat(CLASSES.contain(INTERNAL + ".SchemaValidator")).isTrue();
    assertThat(CLASSES.contain("io.github.aiplaybooks.mcp.client.McpClient")).isTrue();
  }
}
