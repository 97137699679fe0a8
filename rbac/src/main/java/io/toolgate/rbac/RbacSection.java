package io.toolgate.rbac;

import io.toolgate.document.PolicySection;
import io.toolgate.document.SectionContext;
import io.toolgate.document.SectionWriter;
import io.toolgate.spi.PolicyModule;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a policy document this module reads and writes: the top-level sections {@code roles},
 * {@code constraints} and {@code tenants}, and the {@code roles} field of each principal. Stateless
 * and thread-safe.
 *
 * <p>{@link io.toolgate.document.PolicyLoader} finds it through {@link java.util.ServiceLoader}
 * whenever {@code toolgate-rbac} is present; construct it only to name sections explicitly ({@code
 * PolicyLoader.builder().sections(List.of(new RbacSection()))}). The document shape and every check
 * are described in {@code docs/rbac.md}.
 */
public final class RbacSection implements PolicySection {
  /** The artifact named in messages. */
  static final String MODULE = "toolgate-rbac";

  /** A section; the constructor {@link java.util.ServiceLoader} calls. */
  public RbacSection() {}

  /** {@code toolgate-rbac}. */
  @Override
  public String module() {
    return MODULE;
  }

  /** 100: roles are plugged in before modules whose rules target roles. */
  @Override
  public int order() {
    return 100;
  }

  /** {@code roles}, {@code constraints} and {@code tenants}. */
  @Override
  public Set<String> sections() {
    return RbacDocumentReader.SECTIONS;
  }

  /** {@code roles}. */
  @Override
  public Set<String> principalFields() {
    return RbacDocumentReader.PRINCIPAL_FIELDS;
  }

  /**
   * Reads the roles, constraints, tenant patterns and assignments of a document, recording every
   * problem with its location.
   *
   * @return the module, or empty when the document has none of this module's sections and fields,
   *     or when anything in them is wrong
   */
  @Override
  public Optional<PolicyModule> read(SectionContext context) {
    return new RbacDocumentReader(Objects.requireNonNull(context, "context")).read();
  }

  /** Whether {@code module} is an {@link RbacPolicy}. */
  @Override
  public boolean writes(PolicyModule module) {
    return module instanceof RbacPolicy;
  }

  /**
   * Writes an {@link RbacPolicy} in the shape {@link #read} reads, with explicit entry ids and
   * constraint names, so that reading it back gives a module that decides alike.
   *
   * @throws IllegalArgumentException if {@code module} is not an {@link RbacPolicy}
   */
  @Override
  public void write(PolicyModule module, SectionWriter out) {
    if (!(module instanceof RbacPolicy rbac)) {
      throw new IllegalArgumentException(
          "the rbac section writes RbacPolicy modules only, not '" + module.name() + "'");
    }
    RbacDocumentWriter.write(rbac, Objects.requireNonNull(out, "out"));
  }

  /** Names the sections and the principal field read. */
  @Override
  public String toString() {
    return "rbac section " + sections() + " + principal " + principalFields();
  }
}
