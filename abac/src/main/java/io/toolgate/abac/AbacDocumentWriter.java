package io.toolgate.abac;

import io.toolgate.Effect;
import io.toolgate.document.SectionWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link AbacPolicy} as the {@code rules} section {@link AbacDocumentReader} reads: every
 * rule in order with its id, effect, every target it names and its condition as CEL text
 * (conditions built with {@link Conditions} are written as the CEL they stand for). The {@link
 * ConditionEngine} is a runtime choice, not part of the document; a loaded module uses the default.
 */
final class AbacDocumentWriter {
  private AbacDocumentWriter() {}

  static void write(AbacPolicy abac, SectionWriter out) {
    List<Object> rules = new ArrayList<>(abac.rules().size());
    for (Rule r : abac.rules()) {
      Map<String, Object> rule = rule(r);
      List<io.toolgate.Limit> limits = abac.limits().getOrDefault(r.id(), List.of());
      if (!limits.isEmpty()) {
        rule.put("limits", SectionWriter.limits(limits));
      }
      rules.add(rule);
    }
    out.section(AbacDocumentReader.SECTION, rules);
  }

  static Map<String, Object> rule(Rule r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id());
    out.put("effect", r.effect() == Effect.ALLOW ? "allow" : "deny");
    out.put("tools", r.tools().stream().map(Object::toString).toList());
    if (!r.resources().isEmpty()) {
      out.put("resources", r.resources().stream().map(Object::toString).toList());
    }
    if (!r.principals().isEmpty()) {
      out.put("principals", List.copyOf(r.principals()));
    }
    if (!r.principalTypes().isEmpty()) {
      out.put(
          "types",
          r.principalTypes().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    }
    if (!r.roles().isEmpty()) {
      out.put("roles", List.copyOf(r.roles()));
    }
    if (!r.condition().isAlways()) {
      out.put("when", r.condition().text());
    }
    if (r.approvalRequired()) {
      out.put("approval", "required");
    }
    if (r.isLogOnly()) {
      out.put("mode", "log-only");
    }
    return out;
  }
}
