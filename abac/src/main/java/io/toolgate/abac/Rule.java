package io.toolgate.abac;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.PrincipalType;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolPattern;
import io.toolgate.internal.Checks;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One attribute rule: an id, an effect, targets, and a condition. The rule applies to a principal
 * of a request when every target kind it names matches (tool patterns and resource patterns as in
 * whitelist entries; principal ids, principal types, and roles, each matching when any listed value
 * does; an empty list matches everything) and its condition holds. An allow rule that applies
 * grants the call to that principal; a deny rule that applies refuses it, and deny wins. Immutable.
 *
 * <p>Conditions that fail to evaluate fail closed: an allow rule then does not apply, a deny rule
 * denies, and the decision carries the error under the rule's id.
 *
 * @param id names the rule in decisions and errors; unique within the module
 * @param effect allow or deny
 * @param tools at least one tool pattern ({@code server/name}, {@code github/*}, {@code *}{@code
 *     /*})
 * @param resources resource patterns; empty means every resource, the "none" resource included
 * @param principals principal ids; empty means any principal
 * @param principalTypes principal types; empty means any type
 * @param roles role names (needs a role module, such as {@code toolgate-rbac}, plugged in before
 *     this one); empty means no role is required
 * @param condition when the rule applies ({@link RuleCondition#always()} for unconditional rules)
 * @param approvalRequired whether a call this allow rule allows runs only once approved ({@link
 *     io.toolgate.Obligation#APPROVAL}); always false for a deny rule
 * @param mode {@link AccessEntry.Mode#ENFORCE}, or {@link AccessEntry.Mode#LOG_ONLY} for a rule
 *     that never decides: when it would have applied, its id is recorded in {@link
 *     io.toolgate.Decision#logOnlyMatches()}; a log-only rule cannot require approval or carry
 *     limits
 */
public record Rule(
    String id,
    Effect effect,
    List<ToolPattern> tools,
    List<ResourcePattern> resources,
    Set<String> principals,
    Set<PrincipalType> principalTypes,
    Set<String> roles,
    RuleCondition condition,
    boolean approvalRequired,
    AccessEntry.Mode mode) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the id is malformed, no tool pattern is given, or a
   *     log-only rule requires approval
   */
  public Rule {
    id = identifier(id, "rule id");
    Objects.requireNonNull(effect, "effect");
    tools = ImmutableList.copyOf(tools);
    resources = ImmutableList.copyOf(resources);
    principals = ImmutableSet.copyOf(principals);
    for (String p : principals) {
      identifier(p, "principal id in rule '" + id + "'");
    }
    principalTypes = ImmutableSet.copyOf(principalTypes);
    roles = ImmutableSet.copyOf(roles);
    for (String r : roles) {
      identifier(r, "role name in rule '" + id + "'");
    }
    Objects.requireNonNull(condition, "condition");
    if (tools.isEmpty()) {
      throw new IllegalArgumentException(
          "rule '" + id + "' names no tool pattern (use \"*/*\" for every tool)");
    }
    if (approvalRequired && effect != Effect.ALLOW) {
      throw new IllegalArgumentException(
          "rule '" + id + "' denies, so it cannot require approval: only an allow can");
    }
    Objects.requireNonNull(mode, "mode");
    if (approvalRequired && mode == AccessEntry.Mode.LOG_ONLY) {
      throw new IllegalArgumentException(
          "rule '" + id + "' is log-only, so it cannot require approval: it never decides");
    }
  }

  /** An enforced rule that may require approval. */
  public Rule(
      String id,
      Effect effect,
      List<ToolPattern> tools,
      List<ResourcePattern> resources,
      Set<String> principals,
      Set<PrincipalType> principalTypes,
      Set<String> roles,
      RuleCondition condition,
      boolean approvalRequired) {
    this(
        id,
        effect,
        tools,
        resources,
        principals,
        principalTypes,
        roles,
        condition,
        approvalRequired,
        AccessEntry.Mode.ENFORCE);
  }

  /** A rule that allows or denies outright (no approval required). */
  public Rule(
      String id,
      Effect effect,
      List<ToolPattern> tools,
      List<ResourcePattern> resources,
      Set<String> principals,
      Set<PrincipalType> principalTypes,
      Set<String> roles,
      RuleCondition condition) {
    this(id, effect, tools, resources, principals, principalTypes, roles, condition, false);
  }

  /** Whether the rule is only recorded, never decides ({@link AccessEntry.Mode#LOG_ONLY}). */
  public boolean isLogOnly() {
    return mode == AccessEntry.Mode.LOG_ONLY;
  }

  /** Starts an allow rule. */
  public static Builder allow(String id) {
    return new Builder(id, Effect.ALLOW);
  }

  /** Starts a deny rule. */
  public static Builder deny(String id) {
    return new Builder(id, Effect.DENY);
  }

  /** Starts a rule with the given effect. */
  public static Builder builder(String id, Effect effect) {
    return new Builder(id, effect);
  }

  static String identifier(String value, String what) {
    return Checks.identifier(value, what);
  }

  /**
   * Builds a {@link Rule}. Each setting may be given once ({@link IllegalStateException}
   * otherwise); a malformed pattern or name throws {@link IllegalArgumentException} at once. {@link
   * #build()} leaves the builder unchanged.
   */
  public static final class Builder {
    private final String id;
    private final Effect effect;
    private List<ToolPattern> tools;
    private List<ResourcePattern> resources;
    private Set<String> principals;
    private Set<PrincipalType> types;
    private Set<String> roles;
    private RuleCondition condition;
    private boolean approvalRequired;
    private boolean logOnly;

    private Builder(String id, Effect effect) {
      this.id = identifier(id, "rule id");
      this.effect = Objects.requireNonNull(effect, "effect");
    }

    /** The tool patterns the rule covers (required). */
    public Builder tools(String... patterns) {
      return tools(Arrays.asList(patterns));
    }

    /** The tool patterns the rule covers (required). */
    public Builder tools(Collection<String> patterns) {
      once(tools, "tools");
      tools = patterns.stream().map(ToolPattern::parse).toList();
      return this;
    }

    /** The resource patterns the rule covers (default: every resource). */
    public Builder resources(String... patterns) {
      return resources(Arrays.asList(patterns));
    }

    /** The resource patterns the rule covers (default: every resource). */
    public Builder resources(Collection<String> patterns) {
      once(resources, "resources");
      if (patterns.isEmpty()) {
        throw new IllegalArgumentException(
            "rule resources: an empty list would read as 'no resource', "
                + "yet it would mean every resource: leave resources out (or write \"**\") for every resource");
      }
      resources = patterns.stream().map(ResourcePattern::parse).toList();
      return this;
    }

    /** The principals the rule applies to (default: any). */
    public Builder principals(String... ids) {
      return principals(Arrays.asList(ids));
    }

    /** The principals the rule applies to (default: any). */
    public Builder principals(Collection<String> ids) {
      once(principals, "principals");
      principals = ImmutableSet.copyOf(ids);
      principals.forEach(p -> identifier(p, "principal id"));
      return this;
    }

    /** The principal types the rule applies to (default: any). */
    public Builder principalTypes(PrincipalType... values) {
      once(types, "principalTypes");
      types = ImmutableSet.copyOf(values);
      return this;
    }

    /** The rule applies to principals holding one of these roles (needs a role module). */
    public Builder roles(String... names) {
      return roles(Arrays.asList(names));
    }

    /** The rule applies to principals holding one of these roles (needs a role module). */
    public Builder roles(Collection<String> names) {
      once(roles, "roles");
      roles = ImmutableSet.copyOf(names);
      roles.forEach(r -> identifier(r, "role name"));
      return this;
    }

    /** The condition, in CEL; checked when the policy is built. */
    public Builder when(String cel) {
      return when(RuleCondition.cel(cel));
    }

    /** The condition, from {@link Conditions} or {@link RuleCondition#cel}. */
    public Builder when(RuleCondition value) {
      once(condition, "when");
      condition = Objects.requireNonNull(value, "condition");
      return this;
    }

    /**
     * Calls this allow rule allows run only once approved ({@link
     * io.toolgate.Obligation#APPROVAL}). A deny rule cannot require approval ({@link #build()}
     * throws).
     */
    public Builder requireApproval() {
      if (approvalRequired) {
        throw new IllegalStateException("approval was already required on rule '" + id + "'");
      }
      approvalRequired = true;
      return this;
    }

    /**
     * Makes the rule log-only ({@link AccessEntry.Mode#LOG_ONLY}): it never allows or denies, and
     * when it would have applied its id is recorded in {@link
     * io.toolgate.Decision#logOnlyMatches()}. It cannot also require approval ({@link #build()}
     * throws).
     */
    public Builder logOnly() {
      if (logOnly) {
        throw new IllegalStateException("rule '" + id + "' was already made log-only");
      }
      logOnly = true;
      return this;
    }

    private void once(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set on rule '" + id + "'");
      }
    }

    /**
     * Builds the rule.
     *
     * @throws IllegalArgumentException if no tool pattern was given, or a log-only rule requires
     *     approval
     */
    public Rule build() {
      return new Rule(
          id,
          effect,
          tools == null ? List.of() : tools,
          resources == null ? List.of() : resources,
          principals == null ? Set.of() : principals,
          types == null ? Set.of() : types,
          roles == null ? Set.of() : roles,
          condition == null ? RuleCondition.always() : condition,
          approvalRequired,
          logOnly ? AccessEntry.Mode.LOG_ONLY : AccessEntry.Mode.ENFORCE);
    }
  }
}
