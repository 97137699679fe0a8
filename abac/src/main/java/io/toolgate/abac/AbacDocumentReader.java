package io.toolgate.abac;

import io.toolgate.Effect;
import io.toolgate.PrincipalType;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolPattern;
import io.toolgate.document.DocNode;
import io.toolgate.document.Fields;
import io.toolgate.document.Fields.Located;
import io.toolgate.document.Location;
import io.toolgate.document.Problems;
import io.toolgate.document.SectionContext;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.RoleCatalog;
import io.toolgate.spi.RoleDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code rules} section of one policy document. One instance per read; not thread-safe.
 *
 * <p>Everything {@link AbacPolicy#compile} would refuse is checked here first, against the node it
 * came from: keys and types, ids (present, well formed, unique), effects, patterns (and, with a
 * tool catalog, tool patterns that match no tool), principal ids and types, role targets (which
 * must name a role of the {@link RoleCatalog} that a role module read before this one published:
 * this reader never reads another module's keys), and conditions, which CEL parses and type-checks.
 * A CEL problem is placed at its own position inside the {@code when} string when that string is
 * written on one line (plain, quoted, or JSON): the string's column plus CEL's offset into the
 * expression; in a block scalar ({@code |}, {@code >}) or a string folded over lines, at the {@code
 * when} value. Once all that passes, the module is compiled against the document's principals, and
 * anything only compiling finds is placed at its rule.
 */
final class AbacDocumentReader {
  static final String SECTION = "rules";
  static final Set<String> SECTIONS = Set.of(SECTION);
  static final String[] KEYS = {
    "id",
    "effect",
    "tools",
    "resources",
    "principals",
    "types",
    "roles",
    "when",
    "approval",
    "limits",
    "mode"
  };

  /** The limits of allow rules read, by rule id. */
  private final Map<String, List<io.toolgate.Limit>> limits = new java.util.LinkedHashMap<>();

  private final SectionContext context;
  private final Problems problems;
  private int problemCount;

  /**
   * The roles the document defines, as the role module read before this one published them; null
   * when no role module published any (it is absent, or the document defines no roles).
   */
  private RoleCatalog roleCatalog;

  AbacDocumentReader(SectionContext context) {
    this.context = context;
    this.problems = context.problems();
  }

  Optional<PolicyModule> read() {
    Optional<DocNode> section = context.section(SECTION);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    problemCount = problems.sorted().size();
    roleCatalog = context.published(RoleCatalog.class).orElse(null);
    if (!(section.get() instanceof DocNode.Arr arr)) {
      problems.add(
          section.get(), "'rules' must be an array of rules, found " + section.get().kind());
      return Optional.empty();
    }
    List<Rule> rules = new ArrayList<>();
    List<DocNode> nodes = new ArrayList<>();
    Map<String, Location> ids = new HashMap<>();
    for (DocNode item : arr.items()) {
      Rule r = rule(item, ids);
      if (r != null) {
        rules.add(r);
        nodes.add(item);
      }
    }
    if (foundProblems()) {
      return Optional.empty();
    }
    AbacPolicy.Builder builder = AbacPolicy.builder().rules(rules);
    limits.forEach((id, ls) -> ls.forEach(l -> builder.limit(id, l)));
    AbacPolicy abac = builder.build();
    List<RuleCompiler.Problem> found = new ArrayList<>();
    RuleCompiler.compile(
        rules,
        abac.conditionEngine(),
        context.policyView(
            java.util.Map.of(
                RoleDirectory.class, (RoleDirectory) (principal, session) -> Set.of())),
        found);
    for (RuleCompiler.Problem p : found) {
      problems.add(nodes.get(p.rule()), p.message());
    }
    return foundProblems() ? Optional.empty() : Optional.of(abac);
  }

  private boolean foundProblems() {
    return problems.sorted().size() > problemCount;
  }

  /** One rule, or null when anything in it is wrong (problems recorded). */
  private Rule rule(DocNode item, Map<String, Location> ids) {
    Fields f = Fields.of(item, "a rule", problems);
    if (!(item instanceof DocNode.Obj)) {
      return null;
    }
    String id = f.requiredString("id");
    String effectText = f.requiredString("effect");
    List<Located<String>> tools = strings(f, "tools");
    List<Located<String>> resources = strings(f, "resources");
    List<Located<String>> principals = strings(f, "principals");
    List<Located<String>> types = strings(f, "types");
    List<Located<String>> roles = strings(f, "roles");
    String when = f.string("when");
    List<io.toolgate.Limit> ruleLimits = context.limits(item);
    f.claim("limits");
    String approval = f.string("approval");
    String mode = f.string("mode");
    f.finish(KEYS);
    boolean ok = true;
    if (id != null) {
      try {
        Rule.identifier(id, "rule id");
        Location first = ids.putIfAbsent(id, f.location("id"));
        if (first != null) {
          problems.add(
              f.node("id"), "duplicate rule id '" + id + "' (first at line " + first.line() + ")");
          ok = false;
        }
      } catch (IllegalArgumentException e) {
        problems.add(f.node("id"), e.getMessage());
        ok = false;
      }
    } else {
      ok = false;
    }
    String label = id == null ? "a rule" : "rule '" + id + "'";
    Effect effect = null;
    if (effectText != null) {
      switch (effectText.toLowerCase(Locale.ROOT)) {
        case "allow" -> effect = Effect.ALLOW;
        case "deny" -> effect = Effect.DENY;
        default ->
            problems.add(
                f.node("effect"),
                "'effect' of " + label + " is '" + effectText + "'; expected allow or deny");
      }
    }
    ok &= effect != null;
    if (effect == Effect.DENY && !ruleLimits.isEmpty()) {
      problems.add(f.node("limits"), "limits belong on allow rules; " + label + " denies");
      ok = false;
    }

    List<ToolPattern> toolPatterns = new ArrayList<>();
    if (!f.has("tools")) {
      problems.add(
          f.location(),
          label + " has no 'tools'; expected a list of tool patterns (\"*/*\" for every tool)");
      ok = false;
    } else if (tools == null) {
      ok = false;
    } else if (tools.isEmpty()) {
      problems.add(
          f.node("tools"), "'tools' is empty; " + label + " needs at least one tool pattern");
      ok = false;
    } else {
      for (Located<String> t : tools) {
        ToolPattern p = context.toolPattern(t);
        ok &= p != null;
        if (p != null) {
          toolPatterns.add(p);
        }
      }
    }
    List<ResourcePattern> resourcePatterns = new ArrayList<>();
    if (resources != null) {
      if (resources.isEmpty()) {
        problems.add(
            f.node("resources"),
            "'resources' is empty, so "
                + label
                + " could never match; omit it to cover every resource");
        ok = false;
      }
      for (Located<String> r : resources) {
        try {
          resourcePatterns.add(ResourcePattern.parse(r.value()));
        } catch (IllegalArgumentException e) {
          problems.add(r.location(), e.getMessage());
          ok = false;
        }
      }
    }
    ok &= (resources != null || !f.has("resources"));
    List<String> principalIds = new ArrayList<>();
    if (principals != null) {
      ok &= nonEmpty(f, "principals", principals, label);
      for (Located<String> p : principals) {
        if (!identifier(p, "principal id")) {
          ok = false;
        } else if (!context.principals().containsKey(p.value())) {
          problems.add(
              p.location(),
              label
                  + " targets principal '"
                  + p.value()
                  + "', which is not a principal of this document");
          ok = false;
        } else {
          principalIds.add(p.value());
        }
      }
    }
    ok &= (principals != null || !f.has("principals"));
    List<PrincipalType> principalTypes = new ArrayList<>();
    if (types != null) {
      ok &= nonEmpty(f, "types", types, label);
      for (Located<String> t : types) {
        PrincipalType type = type(t.value());
        if (type == null) {
          problems.add(
              t.location(),
              "unknown principal type '" + t.value() + "'; expected user, agent or service");
          ok = false;
        } else {
          principalTypes.add(type);
        }
      }
    }
    ok &= (types != null || !f.has("types"));
    List<String> roleTargets = new ArrayList<>();
    if (roles != null) {
      ok &= nonEmpty(f, "roles", roles, label);
      for (Located<String> r : roles) {
        if (!identifier(r, "role name")) {
          ok = false;
        } else if (roleCatalog == null) {
          problems.add(
              r.location(),
              label
                  + " targets role '"
                  + r.value()
                  + "', but the document defines no roles: role targets need the toolgate-rbac module"
                  + " and its 'roles' section");
          ok = false;
        } else if (!roleCatalog.defines(r.value())) {
          problems.add(
              r.location(), label + " targets role '" + r.value() + "', which is not defined");
          ok = false;
        } else {
          roleTargets.add(r.value());
        }
      }
    }
    ok &= (roles != null || !f.has("roles"));
    RuleCondition condition = null;
    if (when != null) {
      condition = condition(when, f.node("when"), label);
      ok &= condition != null;
    }
    ok &= (when != null || !f.has("when"));
    boolean approvalRequired = "required".equals(approval);
    if (approval != null && !approval.equals("required") && !approval.equals("none")) {
      problems.add(
          f.node("approval"),
          "'approval' of " + label + " is '" + approval + "'; expected required or none");
      ok = false;
    } else if (approvalRequired && effect == Effect.DENY) {
      problems.add(
          f.node("approval"),
          label + " denies, so it cannot require approval: only what allows can wait for a yes");
      ok = false;
    }
    ok &= (approval != null || !f.has("approval"));
    boolean logOnly = "log-only".equals(mode);
    if (mode != null && !logOnly && !mode.equals("enforce")) {
      problems.add(
          f.node("mode"),
          "'mode' of " + label + " is '" + mode + "'; expected 'enforce' or 'log-only'");
      ok = false;
    } else if (logOnly && approvalRequired) {
      problems.add(
          f.node("approval"),
          label + " is log-only, so it cannot require approval: it never decides");
      ok = false;
    } else if (logOnly && !ruleLimits.isEmpty()) {
      problems.add(
          f.node("limits"), label + " is log-only: it allows nothing, so nothing can be limited");
      ok = false;
    }
    ok &= (mode != null || !f.has("mode"));
    if (!ok) {
      return null;
    }
    if (!ruleLimits.isEmpty()) {
      limits.put(id, ruleLimits);
    }
    try {
      return new Rule(
          id,
          effect,
          toolPatterns,
          resourcePatterns,
          new LinkedHashSet<>(principalIds),
          new LinkedHashSet<>(principalTypes),
          new LinkedHashSet<>(roleTargets),
          condition == null ? RuleCondition.always() : condition,
          approvalRequired,
          logOnly ? io.toolgate.AccessEntry.Mode.LOG_ONLY : io.toolgate.AccessEntry.Mode.ENFORCE);
    } catch (IllegalArgumentException e) {
      problems.add(f.location(), e.getMessage());
      return null;
    }
  }

  /** Parses and type-checks a condition, placing each CEL problem where it is in the file. */
  private RuleCondition condition(String text, DocNode node, String label) {
    if (text.isBlank()) {
      problems.add(
          node, "'when' of " + label + " is blank; omit it for a rule that always applies");
      return null;
    }
    List<CelEnvironment.Issue> issues = new ArrayList<>();
    if (CelEnvironment.check(text, issues).isPresent()) {
      return RuleCondition.cel(text);
    }
    for (CelEnvironment.Issue i : issues) {
      Location at = i.offset() >= 0 ? context.locate(node, i.offset()) : node.location();
      problems.add(at, label + ": condition " + i.what() + ": " + i.message());
    }
    return null;
  }

  /**
   * An optional list of strings; a single string stands for a list of one, as in {@link
   * AbacPolicy#fromDocument}.
   */
  private List<Located<String>> strings(Fields f, String key) {
    DocNode n = f.node(key);
    if (n instanceof DocNode.Scalar s && s.value() instanceof String str) {
      return List.of(new Located<>(str, n.location()));
    }
    return n == null ? null : f.stringList(key);
  }

  private boolean nonEmpty(Fields f, String key, List<Located<String>> values, String label) {
    if (values.isEmpty()) {
      problems.add(
          f.node(key),
          "'" + key + "' is empty, so " + label + " could never match; omit it to match any");
      return false;
    }
    return true;
  }

  private boolean identifier(Located<String> value, String what) {
    try {
      Rule.identifier(value.value(), what);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(value.location(), e.getMessage());
      return false;
    }
  }

  private static PrincipalType type(String name) {
    for (PrincipalType t : PrincipalType.values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }
}
