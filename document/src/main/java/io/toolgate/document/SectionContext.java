package io.toolgate.document;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.Limit;
import io.toolgate.Principal;
import io.toolgate.Tool;
import io.toolgate.ToolPattern;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link PolicySection} sees while reading a document: the document's own sections as read
 * (principals, tool catalog), the nodes of the keys the section declared, the shared readers of
 * entries and tool patterns, and what sections read earlier published. A section reads its own keys
 * only; what it needs from another module's part of the document it takes from what that module
 * {@linkplain #publish published}, through a type both know (in {@code io.toolgate.spi}).
 */
public interface SectionContext {
  /** Where located problems go. */
  Problems problems();

  /** The node of a top-level section this reader declared, if the document has it. */
  Optional<DocNode> section(String name);

  /**
   * The values of a principal field this reader declared, by principal id, in document order
   * (principals without the field are absent).
   */
  Map<String, DocNode> principalFields(String field);

  /** The principals the document defines, by id, in document order. */
  Map<String, Principal> principals();

  /** The document's tool catalog, empty when it declares none. */
  Collection<Tool> tools();

  /** Whether the document declares a tool catalog. */
  boolean hasToolCatalog();

  /**
   * Reads an allow or deny entry ({@code {id?, tools: [...], resources: [...]}}), checking every
   * pattern and, with a catalog, that each tool pattern can match some tool.
   *
   * @param node the entry's node
   * @param defaultId the id to use when the entry names none
   * @param effect allow or deny
   * @return the entry, or null when it is invalid (problems recorded)
   */
  AccessEntry entry(DocNode node, String defaultId, Effect effect);

  /**
   * Reads an allow entry that may carry {@code limits} (a role's, say), like a whitelist allow
   * entry: {@code {id?, tools: [...], resources: [...], limits: [{tools?, per, calls, window}]}}.
   * Every problem is located; the limits read are passed to {@code limits} with the entry's id.
   *
   * @param modes whether the entry may also carry a {@code mode} (see {@link #entryWithMode}): only
   *     for modules that honour log-only entries
   * @return the entry, or null when it is invalid (problems recorded)
   */
  AccessEntry limitedEntry(
      DocNode node,
      String defaultId,
      boolean modes,
      java.util.function.BiConsumer<String, Limit> limits);

  /**
   * Reads a module rule's {@code limits} field ({@code [{tools?, per, calls, window}]}), for rules
   * that are not entries; an absent field reads as none. The caller claims the field.
   */
  java.util.List<Limit> limits(DocNode rule);

  /**
   * Reads an entry as {@link #entry(DocNode, String, Effect)} does, also accepting {@code mode:
   * enforce | log-only} ({@link AccessEntry.Mode}): for sections whose module honours log-only
   * entries ({@link io.toolgate.spi.Verdicts#logOnly}). A module that does not must not call this.
   *
   * @return the entry, or null when it is invalid (problems recorded)
   */
  AccessEntry entryWithMode(DocNode node, String defaultId, Effect effect);

  /**
   * Reads a tool pattern, checking, with a catalog, that it can match some tool.
   *
   * @param text the pattern as written, with its location
   * @return the pattern, or null when it is invalid or matches no tool of the catalog (problem
   *     recorded)
   */
  ToolPattern toolPattern(Fields.Located<String> text);

  /**
   * Offers {@code service} to the sections read after this one (sections are read in ascending
   * {@link PolicySection#order()}), whatever problems this section found: the rbac section, for
   * one, publishes the roles the document defines, so that rules targeting roles are checked
   * without reading its part of the document.
   *
   * @throws IllegalStateException if a section already published a service of this type
   */
  <T> void publish(Class<T> type, T service);

  /**
   * The service of this type a section read earlier {@linkplain #publish published}, if any; empty
   * when the section that would publish it is absent or had nothing to publish.
   */
  <T> Optional<T> published(Class<T> type);

  /**
   * Where the character at {@code offset} of a string's value stands in the document, so that a
   * problem found inside a string (a syntax error in a condition, say) can point at it. Exact for
   * strings written on one line: JSON strings and YAML plain, single- and double-quoted scalars,
   * escapes included. For anything else (YAML block scalars {@code |} and {@code >}, strings folded
   * over several lines, a node that is not a string, an offset past the value's end) it is the
   * node's own location. The default implementation always answers the node's location.
   *
   * @param node a node of this document
   * @param offset an index into the string's value, in UTF-16 chars, from 0; the value's length
   *     stands for its end (the closing quote, or just past a plain scalar)
   * @return where that character is, or the node's location
   */
  default Location locate(DocNode node, int offset) {
    return node.location();
  }

  /**
   * The document read so far as a {@link io.toolgate.spi.PolicyView} (its principals and tool
   * catalog, no resource catalog), offering the given services, so a section can compile its module
   * against the document and place what only compiling finds.
   */
  default io.toolgate.spi.PolicyView policyView(Map<Class<?>, Object> services) {
    return new SectionPolicyView(this, services);
  }
}
