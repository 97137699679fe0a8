package io.toolgate.abac;

import com.google.common.collect.ImmutableList;
import io.toolgate.Effect;
import io.toolgate.GrantIndex;
import io.toolgate.Limit;
import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.Session;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Condition;
import io.toolgate.spi.Grant;
import io.toolgate.spi.GrantSource;
import io.toolgate.spi.Query;
import io.toolgate.spi.RoleDirectory;
import io.toolgate.spi.Verdicts;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of one policy snapshot, compiled. Asked once per principal of each (chain, tool,
 * resource) the engine has not cached, it finds the rules whose tool and resource patterns cover
 * the call through a {@link GrantIndex}, keeps those whose principal, type and role targets match,
 * and partially evaluates each one's condition with the principal, tool and resource known:
 *
 * <ul>
 *   <li>true: an unconditional {@code allow}/{@code deny} under the rule id, which costs nothing
 *       per call once cached;
 *   <li>false: nothing (the rule does not apply);
 *   <li>an error: a condition that fails on every call, so the engine fails closed and the decision
 *       names the rule and the error;
 *   <li>otherwise the rule's pending condition over {@code args} and {@code env} ({@link
 *       PendingConditions}), as {@code allowIf}/{@code denyIf}.
 * </ul>
 *
 * <p>A log-only rule is reported the same way through {@code logOnly}/{@code logOnlyIf} instead,
 * never as an allow or a deny; an error in its condition only means it did not match. It grants
 * nothing, so visibility ({@link #mayAllow}, {@link #deniesEverywhere}) and {@link #grants} ignore
 * it.
 *
 * <p>Immutable and thread-safe.
 */
final class CompiledAbac implements CompiledModule {
  private final CompiledRule[] rules;
  private final GrantIndex<Integer> index;
  private final RoleDirectory directory;
  private final ConditionEngine engine;
  private final Map<String, List<Limit>> limits;

  CompiledAbac(
      CompiledRule[] rules,
      GrantIndex<Integer> index,
      RoleDirectory directory,
      ConditionEngine engine) {
    this(rules, index, directory, engine, Map.of());
  }

  private CompiledAbac(
      CompiledRule[] rules,
      GrantIndex<Integer> index,
      RoleDirectory directory,
      ConditionEngine engine,
      Map<String, List<Limit>> limits) {
    this.rules = rules.clone();
    this.index = index;
    this.directory = directory;
    this.engine = engine;
    this.limits = limits;
  }

  /** The same rules, carrying {@code limits} (by rule id). */
  CompiledAbac withLimits(Map<String, List<Limit>> value) {
    return value.isEmpty() ? this : new CompiledAbac(rules, index, directory, engine, value);
  }

  /** The limits of allow rules, by rule id: the rule id an allow through them carries. */
  @Override
  public Map<String, List<Limit>> limits() {
    return limits;
  }

  @Override
  public void evaluate(Query query, Verdicts verdicts) {
    if (index.isEmpty()) {
      return;
    }
    BitSet matched = new BitSet(rules.length);
    index.forEachMatch(query.tool().id(), query.resource().id(), matched::set);
    if (matched.isEmpty()) {
      return;
    }
    Principal principal = query.principal();
    // The same tenant resolution as the role module's (session, else resource): one view of roles
    // per call.
    Set<String> roles =
        directory == null
            ? Set.of()
            : directory.rolesOf(principal.id(), query.session(), query.resource().id());
    Activation.Statics statics = null;
    for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
      CompiledRule compiled = rules[i];
      Rule rule = compiled.rule();
      if (!targets(rule, principal, roles)) {
        continue;
      }
      if (statics == null) {
        statics = statics(principal, roles, query.tool(), query.resource());
      }
      apply(compiled, statics, verdicts);
    }
  }

  @Override
  public Set<String> approvals() {
    Set<String> ids = new HashSet<>();
    for (CompiledRule r : rules) {
      if (r.rule().approvalRequired()) {
        ids.add(r.rule().id());
      }
    }
    return ids;
  }

  @Override
  public boolean reportsGrants() {
    return true;
  }

  /**
   * One grant per rule whose principal, type and role targets match {@code principal} (roles in the
   * default session): its id, effect and patterns, and its condition as CEL text, so
   * least-privilege tooling reports the rule as conditional. An always-true condition is reported
   * as unconditional.
   */
  @Override
  public List<Grant> grants(Principal principal) {
    Set<String> roles =
        directory == null ? Set.of() : directory.rolesOf(principal.id(), Session.DEFAULT);
    List<Grant> out = new ArrayList<>();
    for (CompiledRule compiled : rules) {
      Rule rule = compiled.rule();
      if (rule.isLogOnly() || !targets(rule, principal, roles)) {
        continue;
      }
      String condition = rule.condition().isAlways() ? "" : rule.condition().text();
      out.add(
          new Grant(
              "abac",
              rule.id(),
              rule.effect(),
              rule.tools(),
              rule.resources(),
              "",
              condition,
              new GrantSource.Rule(describeTargets(rule))));
    }
    return out;
  }

  private static String describeTargets(Rule rule) {
    List<String> parts = new ArrayList<>();
    if (!rule.principals().isEmpty()) {
      parts.add("for " + String.join(", ", new TreeSet<>(rule.principals())));
    }
    if (!rule.principalTypes().isEmpty()) {
      parts.add(
          "for every "
              + rule.principalTypes().stream()
                  .map(t -> t.name().toLowerCase(Locale.ROOT))
                  .sorted()
                  .collect(java.util.stream.Collectors.joining(" or ")));
    }
    if (!rule.roles().isEmpty()) {
      parts.add("for holders of " + String.join(", ", new TreeSet<>(rule.roles())));
    }
    return rule.id() + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
  }

  /**
   * Whether some call of {@code tool} could be allowed to {@code principal} by a rule: an allow
   * rule whose tool patterns cover the tool and whose principal, type and role targets match (roles
   * as {@link #evaluate} sees them in this session), unless its condition, partially evaluated with
   * only the principal and tool known, is constantly false. A condition that reads the resource,
   * the arguments or the environment makes the allow possible, not certain.
   */
  @Override
  public boolean mayAllow(Principal principal, Tool tool, Session session) {
    for (Set<String> roles : actingRoleSets(principal, session)) {
      if (mayAllow(principal, tool, roles)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The role sets {@code principal} may act with in {@code session}, one per tenant a call could be
   * decided in (as the role module resolves tenants).
   */
  private List<Set<String>> actingRoleSets(Principal principal, Session session) {
    return directory == null
        ? List.of(Set.of())
        : directory.actingRoleSets(principal.id(), session);
  }

  private boolean mayAllow(Principal principal, Tool tool, Set<String> roles) {
    Activation statics = null;
    for (CompiledRule compiled : rules) {
      Rule rule = compiled.rule();
      if (rule.effect() != Effect.ALLOW || rule.isLogOnly() || !coversTool(rule, tool.id())) {
        continue;
      }
      if (!targets(rule, principal, roles)) {
        continue;
      }
      if (statics == null) {
        statics = withoutResource(principal, roles, tool);
      }
      // A constant other than true never applies; an error may be an artifact of the unknown
      // resource, so it counts as possible.
      if (!(compiled.condition().partial(statics) instanceof Node.Const c) || c.isTrue()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a rule denies {@code principal} every call of {@code tool}: a deny rule whose tool
   * patterns cover the tool, with no resource restriction (or {@code **}), whose principal, type
   * and role targets match, and whose condition is constantly true once the principal and tool are
   * known, whatever the resource, arguments and environment.
   */
  @Override
  public boolean deniesEverywhere(Principal principal, Tool tool, Session session) {
    // Denied everywhere only if denied whatever tenant the call is decided in.
    for (Set<String> roles : actingRoleSets(principal, session)) {
      if (!deniesEverywhere(principal, tool, roles)) {
        return false;
      }
    }
    return true;
  }

  private boolean deniesEverywhere(Principal principal, Tool tool, Set<String> roles) {
    Activation statics = null;
    for (CompiledRule compiled : rules) {
      Rule rule = compiled.rule();
      if (rule.effect() != Effect.DENY
          || rule.isLogOnly()
          || !coversTool(rule, tool.id())
          || !(rule.resources().isEmpty() || rule.resources().contains(ResourcePattern.ANY))) {
        continue;
      }
      if (!targets(rule, principal, roles)) {
        continue;
      }
      if (statics == null) {
        statics = withoutResource(principal, roles, tool);
      }
      if (compiled.condition().partial(statics) instanceof Node.Const c && c.isTrue()) {
        return true;
      }
    }
    return false;
  }

  private static boolean coversTool(Rule rule, ToolId tool) {
    for (ToolPattern p : rule.tools()) {
      if (p.matches(tool)) {
        return true;
      }
    }
    return false;
  }

  private static Activation withoutResource(Principal principal, Set<String> roles, Tool tool) {
    return Activation.withoutResource(
        statics(principal, roles, tool, Resource.of(ResourceId.NONE)));
  }

  private static boolean targets(Rule rule, Principal principal, Set<String> roles) {
    if (!rule.principals().isEmpty() && !rule.principals().contains(principal.id())) {
      return false;
    }
    if (!rule.principalTypes().isEmpty() && !rule.principalTypes().contains(principal.type())) {
      return false;
    }
    if (!rule.roles().isEmpty()) {
      for (String r : rule.roles()) {
        if (roles.contains(r)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private void apply(CompiledRule compiled, Activation.Statics statics, Verdicts verdicts) {
    Rule rule = compiled.rule();
    boolean allow = rule.effect() == Effect.ALLOW;
    Node pending = compiled.condition().partial(new Activation(statics, null));
    if (pending instanceof Node.Const c) {
      if (!(c.value instanceof Boolean)) {
        pending =
            new Node.Err("condition evaluated to " + Values.describe(c.value) + ", not a bool");
      } else {
        if (c.isTrue()) {
          if (rule.isLogOnly()) {
            verdicts.logOnly(rule.id());
          } else if (allow) {
            verdicts.allow(rule.id());
          } else {
            verdicts.deny(rule.id());
          }
        }
        return;
      }
    }
    if (rule.isLogOnly() && pending instanceof Node.Err) {
      return; // fails on every call: a log-only rule that errs did not match
    }
    Condition condition;
    if (pending instanceof Node.Err err) {
      condition = new PendingConditions.Failing(err.message);
    } else if (compiled.program() != null) {
      condition =
          new PendingConditions.Interpreted(compiled.program(), statics, rule.condition().text());
    } else {
      condition = new PendingConditions.Compiled(pending, statics);
    }
    if (rule.isLogOnly()) {
      verdicts.logOnlyIf(rule.id(), condition);
    } else if (allow) {
      verdicts.allowIf(rule.id(), condition);
    } else {
      verdicts.denyIf(rule.id(), condition);
    }
  }

  /** The static variables as CEL sees them. */
  static Activation.Statics statics(Principal p, Set<String> roles, Tool tool, Resource resource) {
    Map<String, Object> principal = new LinkedHashMap<>();
    principal.put("id", p.id());
    principal.put("type", p.type().name().toLowerCase(Locale.ROOT));
    principal.put("owner", p.owner().orElse(""));
    principal.put("attributes", Values.normalizeOrKeep(p.attributes(), "principal.attributes"));
    principal.put("roles", ImmutableList.copyOf(new TreeSet<>(roles)));
    ToolAnnotations a = tool.annotations();
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("readOnly", a.readOnly());
    annotations.put("destructive", a.destructive());
    annotations.put("idempotent", a.idempotent());
    annotations.put("openWorld", a.openWorld());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", tool.id().qualifiedName());
    t.put("server", tool.id().server());
    t.put("name", tool.id().name());
    t.put("annotations", Collections.unmodifiableMap(annotations));
    t.put("attributes", Values.normalizeOrKeep(tool.attributes(), "tool.attributes"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", resource.id().value());
    r.put("attributes", Values.normalizeOrKeep(resource.attributes(), "resource.attributes"));
    return new Activation.Statics(
        Collections.unmodifiableMap(principal),
        Collections.unmodifiableMap(t),
        Collections.unmodifiableMap(r));
  }

  @Override
  public String toString() {
    return "abac{" + rules.length + " rules, " + engine + "}";
  }

  List<CompiledRule> rules() {
    return List.of(rules);
  }
}
