package io.toolgate.document;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link PolicySection} writes its module's part of an exported document, and the shared
 * writer of allow and deny entries ({@link #putEntries}), the counterpart of {@link
 * SectionContext#entry}.
 */
public interface SectionWriter {
  /** Sets a top-level section to a JSON-like value (maps, lists, strings, numbers, booleans). */
  void section(String name, Object value);

  /** Adds a field with a JSON-like value to a principal's entry. */
  void principalField(String principalId, String field, Object value);

  /**
   * Writes {@code entries} into {@code object} (a principal's, a role's) as its {@code allow} and
   * then its {@code deny} list, each in the given order, in the shape {@link SectionContext#entry}
   * reads: {@code {id, tools, resources, approval}}, the id always written, {@code resources} left
   * out when the entry covers every resource, {@code approval: required} only when it is. A list
   * with no entry is left out.
   *
   * @param entries the entries, allow and deny mixed
   * @param object the JSON-like object to add the lists to
   */
  static void putEntries(Collection<AccessEntry> entries, Map<String, Object> object) {
    putEntries(entries, object, Map.of());
  }

  /**
   * Writes entries as {@link #putEntries(Collection, Map)} does, each allow entry with its {@code
   * limits} from {@code limits} (by entry id): {@code {tools?, per, calls, window}}, the window in
   * its short form ({@code 1h}).
   */
  static void putEntries(
      Collection<AccessEntry> entries,
      Map<String, Object> object,
      Map<String, List<io.toolgate.Limit>> limits) {
    List<Object> allow = new ArrayList<>();
    List<Object> deny = new ArrayList<>();
    for (AccessEntry e : entries) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", e.id());
      out.put("tools", e.tools().stream().map(ToolPattern::toString).toList());
      if (!e.resources().isEmpty()) {
        out.put("resources", e.resources().stream().map(ResourcePattern::toString).toList());
      }
      if (e.isLogOnly()) {
        out.put("mode", "log-only");
      }
      if (e.approvalRequired()) {
        out.put("approval", "required");
      }
      List<io.toolgate.Limit> own = limits.getOrDefault(e.id(), List.of());
      if (!own.isEmpty()) {
        out.put("limits", limits(own));
      }
      (e.effect() == Effect.ALLOW ? allow : deny).add(out);
    }
    if (!allow.isEmpty()) {
      object.put("allow", allow);
    }
    if (!deny.isEmpty()) {
      object.put("deny", deny);
    }
  }

  /**
   * The document form of {@code limits}: {@code [{tools?, per, calls, window}]}, the window in the
   * shortest unit that states it exactly.
   */
  static List<Object> limits(List<io.toolgate.Limit> limits) {
    List<Object> written = new ArrayList<>(limits.size());
    for (io.toolgate.Limit l : limits) {
      Map<String, Object> lo = new LinkedHashMap<>();
      if (!l.tools().isEmpty()) {
        lo.put("tools", l.tools().stream().map(ToolPattern::toString).toList());
      }
      lo.put("per", l.per().text());
      lo.put("calls", l.calls());
      lo.put("window", io.toolgate.Limit.formatWindow(l.window()));
      written.add(lo);
    }
    return written;
  }
}
