package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.spi.PolicyModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The section SPI without any real module: keys hinted from data, keys of other sections listed,
 * and services published by a section for those read after it.
 */
class SectionSpiTest {
  /** A section reading nothing, running {@code onRead} when asked to read. */
  private record Probe(int order, Set<String> sections, Consumer<SectionContext> onRead)
      implements PolicySection {
    @Override
    public String module() {
      return "probe";
    }

    @Override
    public Set<String> principalFields() {
      return Set.of();
    }

    @Override
    public Optional<PolicyModule> read(SectionContext context) {
      onRead.accept(context);
      return Optional.empty();
    }

    @Override
    public boolean writes(PolicyModule module) {
      return false;
    }

    @Override
    public void write(PolicyModule module, SectionWriter out) {
      throw new UnsupportedOperationException();
    }
  }

  private static List<String> problems(PolicyLoader loader, String yaml) {
    try {
      loader.load("doc.yaml", yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null);
      return List.of();
    } catch (DocumentException e) {
      return e.problems().stream()
          .map(p -> p.location().line() + ":" + p.location().column() + ": " + p.message())
          .toList();
    }
  }

  @Test
  void known_toolgateModules_comeFromTheResourceInItsOrder() {
    ModuleKeys known = ModuleKeys.known();

    assertThat(known.sections())
        .containsExactly(
            Map.entry("roles", "io.toolgate:toolgate-rbac"),
            Map.entry("constraints", "io.toolgate:toolgate-rbac"),
            Map.entry("tenants", "io.toolgate:toolgate-rbac"),
            Map.entry("rules", "io.toolgate:toolgate-abac"));
    assertThat(known.principalFields())
        .containsExactly(Map.entry("roles", "io.toolgate:toolgate-rbac"));
  }

  @Test
  void load_unknownKey_listsToolgatesKeysThenOtherSectionsKeysSorted() {
    PolicyLoader loader =
        PolicyLoader.builder()
            .sections(List.of(new Probe(1, Set.of("zeta", "alpha"), c -> {})))
            .build();

    assertThat(problems(loader, "version: 1\nzeta: 1\nalpha: 2\nroles: []\nbeta: 3\n"))
        .containsExactly(
            "4:1: section 'roles' needs the toolgate-rbac module: add io.toolgate:toolgate-rbac to the class path",
            "5:1: unknown key 'beta' in the policy document; expected one of: version, sequence, expires, tools,"
                + " resources, principals, delegation, audit, roles, constraints, tenants, rules, alpha, zeta");
  }

  @Test
  void load_sectionsReadInOrder_laterOneSeesWhatAnEarlierOnePublished() {
    List<Optional<String>> seen = new ArrayList<>();
    PolicyLoader loader =
        PolicyLoader.builder()
            .sections(
                List.of(
                    new Probe(200, Set.of(), c -> seen.add(c.published(String.class))),
                    new Probe(
                        100,
                        Set.of(),
                        c -> {
                          seen.add(c.published(String.class));
                          c.publish(String.class, "from the first");
                        })))
            .build();

    assertThat(problems(loader, "version: 1\n")).isEmpty();

    assertThat(seen).containsExactly(Optional.empty(), Optional.of("from the first"));
  }

  @Test
  void publish_typeAlreadyPublished_isRefused() {
    List<String> refusals = new ArrayList<>();
    PolicyLoader loader =
        PolicyLoader.builder()
            .sections(
                List.of(
                    new Probe(1, Set.of(), c -> c.publish(String.class, "one")),
                    new Probe(
                        2,
                        Set.of(),
                        c -> {
                          try {
                            c.publish(String.class, "two");
                          } catch (IllegalStateException e) {
                            refusals.add(e.getMessage());
                          }
                        })))
            .build();

    problems(loader, "version: 1\n");

    assertThat(refusals)
        .containsExactly("a section read earlier already published a java.lang.String");
  }
}
