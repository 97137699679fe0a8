package io.toolgate.abac;

import com.google.common.collect.ImmutableList;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Limit;
import io.toolgate.PrincipalType;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Attribute-based rules as a {@link PolicyModule}: plug it into a policy with {@code
 * Policy.builder().module(abac)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * AbacPolicy abac = AbacPolicy.builder()
 *     .rule(Rule.allow("small-transfers").tools("payments/transfer")
 *         .when("args.amount <= 1000 && principal.attributes.team == 'finance'").build())
 *     .rule(Rule.deny("no-destructive-after-hours").tools("*" + "/*")
 *         .when("tool.annotations.destructive && (env.hour < 8 || env.hour >= 18)").build())
 *     .build();
 * Policy policy = Policy.builder().principal(...).module(abac).build();
 * }</pre>
 *
 * <p>When the policy is built, every condition is parsed and type-checked against the declared
 * variables ({@code principal}, {@code tool}, {@code resource}, {@code args}, {@code env}); a
 * condition that does not, a duplicate rule id, a principal target that is not defined, or a role
 * target without a role module are reported together in one {@link InvalidPolicyException}.
 *
 * <p>When the engine first decides a (chain, tool, resource), each principal's matching rules are
 * partially evaluated: what depends only on principal, tool and resource is decided then, and only
 * what reads {@code args} or {@code env} stays, compiled, as the rule's pending condition (kept in
 * the engine's cache and evaluated per call).
 */
public final class AbacPolicy implements PolicyModule {
  private final ImmutableList<Rule> rules;
  private final ConditionEngine engine;
  private final Map<String, List<Limit>> limits;

  private AbacPolicy(
      ImmutableList<Rule> rules, ConditionEngine engine, Map<String, List<Limit>> limits) {
    this.rules = rules;
    this.engine = engine;
    this.limits = limits;
  }

  /** Starts an empty module. */
  public static Builder builder() {
    return new Builder();
  }

  /** A module of these rules, with the default {@link ConditionEngine#COMPILED} engine. */
  public static AbacPolicy of(Rule... rules) {
    return builder().rules(List.of(rules)).build();
  }

  /**
   * Reads the {@code rules:} section of a policy document, as a JSON or YAML reader yields it: a
   * list of maps with the keys {@code id}, {@code effect} ({@code allow} or {@code deny}), {@code
   * tools}, {@code resources}, {@code principals}, {@code types}, {@code roles} and {@code when}
   * (CEL).
   *
   * @throws InvalidPolicyException listing every malformed rule (conditions are checked later, when
   *     the policy is built)
   */
  public static AbacPolicy fromDocument(List<?> rulesSection) {
    List<String> problems = new ArrayList<>();
    Builder b = builder();
    for (int i = 0; i < rulesSection.size(); i++) {
      String where = "rules[" + i + "]";
      try {
        b.rule(DocumentRules.parse(rulesSection.get(i), where));
      } catch (RuntimeException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(problems);
    }
    return b.build();
  }

  /** The rules, in definition order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * The {@link Limit}s on allow rules, by rule id, as given to {@link Builder#limit}: a call a rule
   * allows counts against that rule's limits, and an exhausted one denies with {@link
   * io.toolgate.Reason#RATE_LIMITED}.
   */
  public Map<String, List<Limit>> limits() {
    return limits;
  }

  /** How dynamic conditions are evaluated per call. */
  public ConditionEngine conditionEngine() {
    return engine;
  }

  /** Returns {@code abac}. */
  @Override
  public String name() {
    return "abac";
  }

  /** The rules (ids, effects, targets, condition texts) and the condition engine, as text. */
  @Override
  public String fingerprint() {
    return rules.stream()
        .map(
            r ->
                r.id()
                    + "|"
                    + r.effect()
                    + "|"
                    + r.tools()
                    + "|"
                    + r.resources()
                    + "|"
                    + r.principals()
                    + "|"
                    + r.principalTypes()
                    + "|"
                    + r.roles()
                    + "|"
                    + r.condition().text()
                    + limits.getOrDefault(r.id(), List.of()).stream()
                        .map(l -> "|limit " + l)
                        .collect(Collectors.joining())
                    + (r.approvalRequired() ? "|approval" : "")
                    + (r.isLogOnly() ? "|log-only" : ""))
        .collect(Collectors.joining("\n", engine + "\n", ""));
  }

  /**
   * Checks every rule against the policy and compiles it.
   *
   * @throws InvalidPolicyException listing every problem
   */
  @Override
  public CompiledModule compile(PolicyView view) {
    CelAccess.ensure();
    return RuleCompiler.compile(rules, engine, view).withLimits(limits);
  }

  @Override
  public String toString() {
    return "abac{"
        + rules.size()
        + " rules"
        + (engine == ConditionEngine.COMPILED ? "" : ", " + engine)
        + "}";
  }

  /** Collects rules; {@link #build()} leaves the builder usable. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private ConditionEngine engine;
    private final Map<String, List<Limit>> limits = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Limits the calls an allow rule permits: each call the rule allows counts against {@code
     * limit} (calls per principal, chain origin or session per window, for the tools the limit
     * names); once a window's calls are used, the call is denied with {@link
     * io.toolgate.Reason#RATE_LIMITED} until the next window. {@link #build()} checks that {@code
     * ruleId} names an allow rule.
     */
    public Builder limit(String ruleId, Limit limit) {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(limit, "limit");
      limits.computeIfAbsent(ruleId, k -> new ArrayList<>()).add(limit);
      return this;
    }

    /** Adds a rule. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds rules, in order. */
    public Builder rules(Collection<Rule> values) {
      values.forEach(this::rule);
      return this;
    }

    /**
     * How dynamic conditions are evaluated (default {@link ConditionEngine#COMPILED}).
     *
     * @throws IllegalStateException if already set
     */
    public Builder conditionEngine(ConditionEngine value) {
      if (engine != null) {
        throw new IllegalStateException("conditionEngine was already set");
      }
      engine = Objects.requireNonNull(value, "engine");
      return this;
    }

    /** Builds the module; rules are checked when the policy is built. */
    public AbacPolicy build() {
      List<String> problems = new ArrayList<>();
      for (String id : limits.keySet()) {
        if (rules.stream().noneMatch(r -> r.id().equals(id) && r.effect() == Effect.ALLOW)) {
          problems.add("a limit names rule '" + id + "', which is not an allow rule");
        } else if (rules.stream().anyMatch(r -> r.id().equals(id) && r.isLogOnly())) {
          problems.add(
              "a limit names rule '"
                  + id
                  + "', a log-only rule: it allows nothing, so nothing can be limited");
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidPolicyException(problems);
      }
      Map<String, List<Limit>> frozen = new LinkedHashMap<>();
      limits.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new AbacPolicy(
          ImmutableList.copyOf(rules),
          engine == null ? ConditionEngine.COMPILED : engine,
          java.util.Collections.unmodifiableMap(frozen));
    }
  }

  /** Reads one rule of a document's {@code rules:} section. */
  static final class DocumentRules {
    private static final Set<String> KEYS =
        Set.of("id", "effect", "tools", "resources", "principals", "types", "roles", "when");

    private DocumentRules() {}

    static Rule parse(Object node, String where) {
      if (!(node instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException("a rule must be a map, not " + node);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      raw.forEach((k, v) -> m.put(String.valueOf(k), v));
      for (String k : m.keySet()) {
        if (!KEYS.contains(k)) {
          throw new IllegalArgumentException(
              "unknown key '" + k + "'; expected one of " + new java.util.TreeSet<>(KEYS));
        }
      }
      String id = string(m, "id", true);
      String effect = string(m, "effect", true).toLowerCase(Locale.ROOT);
      Rule.Builder b =
          switch (effect) {
            case "allow" -> Rule.builder(id, Effect.ALLOW);
            case "deny" -> Rule.builder(id, Effect.DENY);
            default ->
                throw new IllegalArgumentException(
                    "effect must be allow or deny, not '" + effect + "'");
          };
      b.tools(strings(m, "tools"));
      if (m.containsKey("resources")) {
        b.resources(strings(m, "resources"));
      }
      if (m.containsKey("principals")) {
        b.principals(strings(m, "principals"));
      }
      if (m.containsKey("types")) {
        b.principalTypes(
            strings(m, "types").stream().map(DocumentRules::type).toArray(PrincipalType[]::new));
      }
      if (m.containsKey("roles")) {
        b.roles(strings(m, "roles"));
      }
      String when = string(m, "when", false);
      if (when != null) {
        b.when(when);
      }
      return b.build();
    }

    private static PrincipalType type(String name) {
      for (PrincipalType t : PrincipalType.values()) {
        if (t.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          "unknown principal type '" + name + "'; expected user, agent or service");
    }

    private static String string(Map<String, Object> m, String key, boolean required) {
      Object v = m.get(key);
      if (v == null) {
        if (required) {
          throw new IllegalArgumentException("'" + key + "' is required");
        }
        return null;
      }
      if (!(v instanceof String s)) {
        throw new IllegalArgumentException("'" + key + "' must be a string");
      }
      return s;
    }

    private static List<String> strings(Map<String, Object> m, String key) {
      Object v = m.get(key);
      if (v instanceof String s) {
        return List.of(s);
      }
      if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
        throw new IllegalArgumentException("'" + key + "' must be a list of strings");
      }
      return l.stream().map(String.class::cast).toList();
    }
  }
}
