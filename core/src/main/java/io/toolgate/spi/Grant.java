package io.toolgate.spi;

import io.toolgate.Effect;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import java.util.List;
import java.util.Objects;

/**
 * One grant a {@link CompiledModule} holds for a principal, as reported to least-privilege tooling
 * ({@link CompiledModule#grants}): the rule or entry that allows or denies some tool patterns on
 * some resource patterns, in every tenant or in one, unconditionally or only when a per-call
 * condition holds, and where it comes from (a direct whitelist entry, a role and its inheritance
 * path, a rule). Immutable.
 *
 * <p>A grant describes, it never decides: the engine decides through {@link
 * CompiledModule#evaluate}, and a module reporting grants must report what its evaluation would
 * match (the same rule ids, patterns and effects).
 *
 * <p>How it differs from its neighbours: an {@link io.toolgate.AccessEntry} is what a policy is
 * written with (an entry of the whitelist or of a role) and decides; {@code rbac.Permission} is an
 * entry together with the role path that brings it to a principal; a grant is any module's report
 * of one of those, flattened to one shape (module, tenant, condition, source) so that analysis can
 * read every module alike.
 *
 * @param module the reporting module's name ({@code whitelist}, {@code rbac}, {@code abac})
 * @param ruleId the id decisions carry when this grant decides
 * @param effect whether the grant allows or denies
 * @param tools at least one tool pattern
 * @param resources resource patterns; empty means every resource, {@link ResourceId#NONE} included
 * @param tenant empty when the grant applies in every tenant; otherwise the one tenant whose
 *     requests it applies to (named by the request's session, or derived by the module from the
 *     resource), as for a tenant-scoped role assignment
 * @param condition empty when the grant applies to every call it covers; otherwise a readable text
 *     of the per-call condition (on arguments, environment, time) under which it applies, as the
 *     engine evaluates it through a {@link Condition} (a rule's expression)
 * @param source where the grant comes from
 */
public record Grant(
    String module,
    String ruleId,
    Effect effect,
    List<ToolPattern> tools,
    List<ResourcePattern> resources,
    String tenant,
    String condition,
    GrantSource source) {
  /** Validates and copies. */
  public Grant {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(effect, "effect");
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(source, "source");
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("grant '" + ruleId + "' names no tool pattern");
    }
  }

  /** Whether the grant applies only to calls for which its per-call condition holds. */
  public boolean isConditional() {
    return !condition.isEmpty();
  }

  /** Whether the grant applies only in one tenant. */
  public boolean isTenantScoped() {
    return !tenant.isEmpty();
  }

  /** Whether the grant applies to every call it covers: in every tenant, without a condition. */
  public boolean appliesAlways() {
    return condition.isEmpty() && tenant.isEmpty();
  }

  /** Whether the grant's patterns cover {@code tool} on {@code resource} (its condition aside). */
  public boolean covers(ToolId tool, ResourceId resource) {
    return coversTool(tool)
        && (resources.isEmpty() || resources.stream().anyMatch(r -> r.matches(resource)));
  }

  /** Whether one of the grant's tool patterns matches {@code tool}. */
  public boolean coversTool(ToolId tool) {
    for (ToolPattern p : tools) {
      if (p.matches(tool)) {
        return true;
      }
    }
    return false;
  }

  /** Returns {@code ruleId (source)}, with the tenant and condition when there are some. */
  @Override
  public String toString() {
    return ruleId
        + " ("
        + source
        + (isTenantScoped() ? " in tenant " + tenant : "")
        + (isConditional() ? ", when " + condition : "")
        + ")";
  }
}
