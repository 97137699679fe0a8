package io.toolgate.document;

import io.toolgate.spi.PolicyModule;
import java.util.Optional;
import java.util.Set;

/**
 * How a module reads and writes its own part of a policy document. Modules provide one through
 * {@link java.util.ServiceLoader} ({@code provides io.toolgate.document.PolicySection} in their
 * {@code module-info.java}, and a {@code META-INF/services} entry for the class path), so the
 * loader finds the sections of every module present. A section reads and writes only its own keys;
 * what it needs from a module read before it comes from what that module {@linkplain
 * SectionContext#publish published}.
 *
 * <p>A key no present section reads is unknown. For Toolgate's own modules the document module
 * keeps, as data (the resource {@code io/toolgate/document/module-keys.json}), which artifact reads
 * which key, so that a document using an absent module is told the artifact to add.
 */
public interface PolicySection {
  /**
   * The artifact that provides this section ({@code toolgate-rbac}), for messages that say which
   * dependency to add; not the module's {@code PolicyModule.name()} ({@code rbac}), which names its
   * kind of grants.
   */
  String module();

  /**
   * Modules are plugged into the policy in ascending order (roles before rules that target roles).
   */
  int order();

  /** The top-level keys this section reads ({@code roles}, {@code constraints}). */
  Set<String> sections();

  /** The keys this section reads inside each principal entry ({@code roles}). */
  Set<String> principalFields();

  /**
   * Reads this module's part of a document, recording every problem in {@link
   * SectionContext#problems()} with its location.
   *
   * @return the module to plug in, or empty when the document has nothing for it
   */
  Optional<PolicyModule> read(SectionContext context);

  /** Whether {@link #write} can export this module (the module this section reads). */
  boolean writes(PolicyModule module);

  /** Writes a module of this section's kind back out as document values. */
  void write(PolicyModule module, SectionWriter out);
}
