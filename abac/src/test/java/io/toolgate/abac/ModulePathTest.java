package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supported module-path layout (see module-info.java): {@code io.toolgate.abac}, core and the
 * modules they require on the module path, CEL and its jars on the class path. Surefire runs the
 * other tests on the class path, so this one compiles a small consumer module ({@code requires
 * io.toolgate.abac}) and runs it in a fresh JVM, laid out as Maven lays out a modular application:
 * the modules the consumer's graph resolves on the module path, every other jar (CEL's) on the
 * class path. The consumer decides with a CEL rule built in Java and with one read from a document
 * (the {@code rules} section is found through {@code provides}).
 */
class ModulePathTest {

  private static final String MODULE_INFO =
      """
      module consumer {
        requires io.toolgate.abac;
        requires io.toolgate.document;
      }
      """;

  private static final String MAIN =
      """
      package consumer;

      import io.toolgate.DecisionEngine;
      import io.toolgate.DelegationChain;
      import io.toolgate.Policy;
      import io.toolgate.Principal;
      import io.toolgate.Request;
      import io.toolgate.ToolId;
      import io.toolgate.abac.AbacPolicy;
      import io.toolgate.abac.Rule;
      import io.toolgate.document.DocumentFormat;
      import io.toolgate.document.PolicyLoader;
      import java.nio.charset.StandardCharsets;
      import java.util.Map;

      public final class Main {
        public static void main(String[] args) throws Exception {
          System.out.println("abac module: " + AbacPolicy.class.getModule().getName());
          System.out.println("cel module named: " + Class.forName("dev.cel.runtime.CelRuntime")
              .getModule().isNamed());

          AbacPolicy abac = AbacPolicy.builder()
              .rule(Rule.allow("small-transfers").tools("payments/transfer")
                  .when("args.amount <= 1000 && principal.attributes.team == 'finance'").build())
              .build();
          Principal alice = Principal.user("alice").attribute("team", "finance").build();
          decide("built", Policy.builder().principal(alice).module(abac).build());

          String yaml = String.join("\\n",
              "version: 1",
              "tools:",
              "  - id: payments/transfer",
              "principals:",
              "  - id: alice",
              "    type: user",
              "    attributes: { team: finance }",
              "rules:",
              "  - id: small-transfers",
              "    effect: allow",
              "    tools: [payments/transfer]",
              "    when: \\"args.amount <= 1000 && principal.attributes.team == 'finance'\\"",
              "");
          decide("loaded", PolicyLoader.defaults().load("consumer.yaml",
              yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null));
        }

        private static void decide(String what, Policy policy) {
          DecisionEngine engine = DecisionEngine.builder(policy).build();
          ToolId transfer = ToolId.parse("payments/transfer");
          for (int amount : new int[] {250, 5000}) {
            System.out.println(what + " " + amount + ": " + engine.decide(
                Request.builder(DelegationChain.of("alice"), transfer)
                    .arguments(Map.of("amount", amount)).build()).effect());
          }
        }
      }
      """;

  @Test
  void abacRunsAsANamedModuleWithCelOnTheClassPath(@TempDir Path tmp) throws Exception {
    List<Path> entries = testClassPath();
    List<Path> modules = new ArrayList<>();
    List<Path> named = new ArrayList<>();
    for (Path entry : entries) {
      if (isExplicitModule(entry)) {
        modules.add(entry);
      } else if (hasAutomaticModuleName(entry)) {
        named.add(entry);
      }
    }
    // What the consumer's graph resolves goes on the module path: the explicit modules, and the
    // jars that declare a stable automatic name (Bucket4j) when an explicit one requires them;
    // everything else (CEL's jars, which are not modules) on the class path.
    Configuration graph =
        ModuleLayer.boot()
            .configuration()
            .resolve(
                ModuleFinder.of(modules.toArray(Path[]::new)),
                ModuleFinder.of(named.toArray(Path[]::new)),
                Set.of("io.toolgate.abac", "io.toolgate.document"));
    List<Path> modulePath = new ArrayList<>();
    for (ResolvedModule m : graph.modules()) {
      modulePath.add(Path.of(m.reference().location().orElseThrow()));
    }
    Path ownClasses =
        Path.of(ModulePathTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> classPath =
        entries.stream().filter(e -> !modulePath.contains(e) && !e.equals(ownClasses)).toList();
    String cel = File.separator + "dev" + File.separator + "cel" + File.separator;
    assertThat(graph.modules())
        .extracting(ResolvedModule::name)
        .contains("io.toolgate.abac", "io.toolgate.core", "com.google.common");
    assertThat(modulePath).noneMatch(e -> e.toString().contains(cel));
    assertThat(classPath).anyMatch(e -> e.toString().contains(cel));

    Path src = tmp.resolve("src");
    Path out = tmp.resolve("consumer");
    Files.createDirectories(src.resolve("consumer"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("consumer/Main.java"), MAIN);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler").isNotNull();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "-d",
            out.toString(),
            "--module-path",
            // every explicit module (compiling also needs the static ones: JSpecify's annotations)
            // and the named automatic ones the graph resolved
            join(
                java.util.stream.Stream.concat(
                        modules.stream(), named.stream().filter(modulePath::contains))
                    .toList()),
            src.resolve("module-info.java").toString(),
            src.resolve("consumer/Main.java").toString());
    assertThat(compiled).as("javac exit status").isZero();

    List<Path> consumerModulePath = new ArrayList<>(modulePath);
    consumerModulePath.add(out);
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                join(consumerModulePath),
                "--class-path",
                join(classPath),
                "--module",
                "consumer/consumer.Main")
            .redirectErrorStream(true)
            .start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(java.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> !l.startsWith("SLF4J")))
        .as(output)
        .containsExactly(
            "abac module: io.toolgate.abac",
            "cel module named: false",
            "built 250: ALLOW",
            "built 5000: DENY",
            "loaded 250: ALLOW",
            "loaded 5000: DENY");
  }

  /**
   * A jar whose manifest names its automatic module (a stable name, not one derived from the file).
   */
  private static boolean hasAutomaticModuleName(Path entry) {
    if (Files.isDirectory(entry) || !entry.toString().endsWith(".jar")) {
      return false;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry.toFile())) {
      java.util.jar.Manifest manifest = jar.getManifest();
      return manifest != null
          && manifest.getMainAttributes().getValue("Automatic-Module-Name") != null
          && !isExplicitModule(entry);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static List<Path> testClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .map(Path::of)
        .filter(Files::exists)
        .collect(Collectors.toList());
  }

  /** A jar or directory with a module-info.class (not an automatic module, not a plain jar). */
  private static boolean isExplicitModule(Path entry) {
    if (Files.isDirectory(entry)) {
      return Files.exists(entry.resolve("module-info.class"));
    }
    try {
      Optional<ModuleReference> ref = ModuleFinder.of(entry).findAll().stream().findFirst();
      return ref.isPresent() && !ref.get().descriptor().isAutomatic();
    } catch (FindException e) {
      return false;
    }
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
