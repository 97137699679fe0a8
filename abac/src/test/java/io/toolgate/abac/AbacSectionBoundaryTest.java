package io.toolgate.abac;

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
 * What the abac section shares with the rest of a document read: the hint the document module gives
 * without it names exactly its keys, and role targets are checked against the {@link RoleCatalog} a
 * role section published, never against another module's keys.
 */
class AbacSectionBoundaryTest {
  /** Stands in for a role module's section: reads no key, publishes a catalog. */
  private record Roles(RoleCatalog catalog) implements PolicySection {
    @Override
    public String module() {
      return "roles-probe";
    }

    @Override
    public int order() {
      return 100;
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
      context.publish(RoleCatalog.class, catalog);
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
      return e.problems().stream()
          .map(p -> p.location().line() + ":" + p.location().column() + ": " + p.message())
          .toList();
    }
  }

  @Test
  void load_withoutAbac_hintsEveryKeyTheSectionReads() {
    PolicyLoader without = PolicyLoader.builder().sections(List.of()).build();
    AbacSection section = new AbacSection();
    List<String> keys = List.copyOf(section.sections());
    StringBuilder doc = new StringBuilder("version: 1\n");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      doc.append(keys.get(i)).append(": []\n");
      expected.add(
          (i + 2)
              + ":1: section '"
              + keys.get(i)
              + "' needs the toolgate-abac module: add io.toolgate:toolgate-abac to the class path");
    }

    assertThat(section.principalFields()).isEmpty();
    assertThat(messages(without, doc.toString())).containsExactlyElementsOf(expected);
  }

  @Test
  void load_roleTargets_areCheckedAgainstThePublishedCatalogOnly() {
    PolicyLoader loader =
        PolicyLoader.builder()
            .sections(List.of(new AbacSection(), new Roles(Set.of("approver")::contains)))
            .build();

    List<String> found =
        messages(
            loader,
            """
        version: 1
        rules:
          - id: r
            effect: allow
            tools: ["payments/*"]
            roles: [approver, stranger]
        """);

    assertThat(found)
        .containsExactly("6:23: rule 'r' targets role 'stranger', which is not defined");
  }
}
