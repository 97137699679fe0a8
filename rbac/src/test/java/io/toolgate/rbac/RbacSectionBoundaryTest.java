package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicySection;
import io.toolgate.document.SectionContext;
import io.toolgate.document.SectionWriter;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.RoleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the rbac section shares with the rest of a document read: the hint the document module gives
 * without it names exactly its keys, and the {@link RoleCatalog} it publishes for the sections read
 * after it.
 */
class RbacSectionBoundaryTest {
  /** A section read after rbac that keeps the catalog it finds. */
  private record Probe(List<Optional<RoleCatalog>> seen) implements PolicySection {
    @Override
    public String module() {
      return "probe";
    }

    @Override
    public int order() {
      return 1000;
    }

    @Override
    public Set<String> sections() {
      return Set.of();
    }

    @Override
    public Set<String> principalFields() {
      return Set.of();
    }

    @Override
    public Optional<PolicyModule> read(SectionContext context) {
      seen.add(context.published(RoleCatalog.class));
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

  private static List<String> messages(PolicyLoader loader, String yaml) {
    try {
      loader.load("doc.yaml", yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null);
      return List.of();
    } catch (DocumentException e) {
      return e.problems().stream().map(p -> p.message()).toList();
    }
  }

  private static Optional<RoleCatalog> catalogOf(String yaml) {
    List<Optional<RoleCatalog>> seen = new ArrayList<>();
    messages(
        PolicyLoader.builder().sections(List.of(new Probe(seen), new RbacSection())).build(), yaml);
    assertThat(seen).hasSize(1);
    return seen.get(0);
  }

  @Test
  void load_withoutRbac_hintsEveryKeyTheSectionReads() {
    PolicyLoader without = PolicyLoader.builder().sections(List.of()).build();
    RbacSection section = new RbacSection();
    StringBuilder doc = new StringBuilder("version: 1\n");
    section.sections().forEach(s -> doc.append(s).append(": []\n"));
    doc.append("principals:\n  - id: alice\n    type: user\n");
    section.principalFields().forEach(f -> doc.append("    ").append(f).append(": []\n"));

    List<String> expected = new ArrayList<>();
    section
        .sections()
        .forEach(
            s ->
                expected.add(
                    "section '"
                        + s
                        + "' needs the toolgate-rbac module: add io.toolgate:toolgate-rbac to the class path"));
    section
        .principalFields()
        .forEach(
            f ->
                expected.add(
                    "principal field '"
                        + f
                        + "' needs the toolgate-rbac module: add io.toolgate:toolgate-rbac to the class path"));
    assertThat(messages(without, doc.toString())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void read_rolesSection_publishesTheNamesItDefines_evenWithProblems() {
    RoleCatalog roles =
        catalogOf(
                """
        version: 1
        roles:
          - name: reader
          - name: writer
            inherits: [nobody]
        """)
            .orElseThrow();

    assertThat(roles.defines("reader")).isTrue();
    assertThat(roles.defines("writer")).isTrue();
    assertThat(roles.defines("nobody")).isFalse();
  }

  @Test
  void read_roleWithoutReadableName_publishesACatalogDefiningEveryName() {
    RoleCatalog roles =
        catalogOf(
                """
        version: 1
        roles:
          - name: reader
          - inherits: [reader]
        """)
            .orElseThrow();

    assertThat(roles.defines("anything")).isTrue();
  }

  @Test
  void read_noRolesSection_publishesNothing() {
    assertThat(
            catalogOf(
                """
        version: 1
        tenants:
          fromResource: ["repo:{tenant}/**"]
        """))
        .isEmpty();
  }
}
