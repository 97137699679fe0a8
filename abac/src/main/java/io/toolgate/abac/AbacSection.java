package io.toolgate.abac;

import io.toolgate.document.PolicySection;
import io.toolgate.document.SectionContext;
import io.toolgate.document.SectionWriter;
import io.toolgate.spi.PolicyModule;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a policy document this module reads and writes: the top-level {@code rules} section,
 * a list of {@code {id, effect, tools, resources, principals, types, roles, when}}. Stateless and
 * thread-safe.
 *
 * <p>{@link io.toolgate.document.PolicyLoader} finds it through {@link java.util.ServiceLoader}
 * whenever {@code toolgate-abac} is present; construct it only to name sections explicitly ({@code
 * PolicyLoader.builder().sections(List.of(new RbacSection(), new AbacSection()))}). The document
 * shape and every check are described in {@code docs/abac.md}.
 */
public final class AbacSection implements PolicySection {
  /** The artifact named in messages. */
  static final String MODULE = "toolgate-abac";

  /** A section; the constructor {@link java.util.ServiceLoader} calls. */
  public AbacSection() {}

  /** {@code toolgate-abac}. */
  @Override
  public String module() {
    return MODULE;
  }

  /** 200: after role modules (rbac's 100), so that rules can target roles. */
  @Override
  public int order() {
    return 200;
  }

  /** {@code rules}. */
  @Override
  public Set<String> sections() {
    return AbacDocumentReader.SECTIONS;
  }

  /** None: rules name their principals themselves. */
  @Override
  public Set<String> principalFields() {
    return Set.of();
  }

  /**
   * Reads the rules of a document, parsing and type-checking every condition, and recording every
   * problem with its location (CEL's, inside the condition, where the string allows it).
   *
   * @return the module, or empty when the document has no {@code rules} section, or when anything
   *     in it is wrong
   */
  @Override
  public Optional<PolicyModule> read(SectionContext context) {
    Objects.requireNonNull(context, "context");
    if (context.section(AbacDocumentReader.SECTION).isEmpty()) {
      return Optional.empty(); // nothing to read: a document without rules does not need CEL
    }
    CelAccess.ensure();
    return new AbacDocumentReader(context).read();
  }

  /** Whether {@code module} is an {@link AbacPolicy}. */
  @Override
  public boolean writes(PolicyModule module) {
    return module instanceof AbacPolicy;
  }

  /**
   * Writes an {@link AbacPolicy} in the shape {@link #read} reads: every rule, every target, and
   * each condition as CEL text, so that reading it back gives a module that decides alike.
   *
   * @throws IllegalArgumentException if {@code module} is not an {@link AbacPolicy}
   */
  @Override
  public void write(PolicyModule module, SectionWriter out) {
    if (!(module instanceof AbacPolicy abac)) {
      throw new IllegalArgumentException(
          "the abac section writes AbacPolicy modules only, not '" + module.name() + "'");
    }
    AbacDocumentWriter.write(abac, Objects.requireNonNull(out, "out"));
  }

  /** Names the section read. */
  @Override
  public String toString() {
    return "abac section " + sections();
  }
}
