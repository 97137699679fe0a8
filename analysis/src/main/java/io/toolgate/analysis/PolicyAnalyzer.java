package io.toolgate.analysis;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.spi.Grant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Least-privilege questions about one policy: the effective permissions of a principal or a
 * delegation chain over a {@link Catalog}, and {@link Finding}s. Immutable and thread-safe.
 *
 * <p>Reach is decided by the engine, never guessed: every probed (tool, resource) of the catalog
 * goes through an uncached {@link DecisionEngine} over the policy, so what the analysis says is
 * reached is exactly what the engine would allow at the analyzer's clock (without kill switches and
 * with the default session: no tenant named, every role active). The grants modules report ({@link
 * Policy#grants}) only explain: they name the grants behind each allow, list the conditions of
 * conditional rules, and prune the probes (a (tool, resource) that no grant of some principal of
 * the chain covers is not asked), unless a module does not report its grants, in which case every
 * probe is asked.
 *
 * <p>A request denied with empty arguments and environment is reached {@link Access#CONDITIONAL
 * conditionally} when every rule that denied it is a conditional rule and, for every principal of
 * the chain, an unconditional or conditional allow covers it: its conditions are then listed.
 */
public final class PolicyAnalyzer {
  private final Policy policy;
  private final Catalog catalog;
  private final InstantSource clock;
  private final DecisionEngine engine;
  private final List<String> unreported;
  private final Map<String, List<Grant>> grants = new HashMap<>();

  /**
   * Whether the catalog's tools and resources were derived, so a chain's scope patterns may be
   * added.
   */
  private final boolean derivedTools;

  private final boolean derivedResources;

  private PolicyAnalyzer(Builder b) {
    this.policy = b.policy;
    Catalog given = b.catalog != null ? b.catalog : Catalog.derived();
    this.derivedTools = given.tools().isEmpty() && !policy.hasToolCatalog();
    this.derivedResources = given.resources().isEmpty() && !policy.hasResourceCatalog();
    this.catalog = given.derivedFrom(List.of(policy));
    this.clock = b.clock != null ? b.clock : InstantSource.system();
    this.engine = DecisionEngine.builder(policy).cacheSize(0).clock(clock).build();
    this.unreported = policy.modulesWithoutGrantReports();
    for (Principal p : policy.principals()) {
      grants.put(p.id(), policy.grants(p.id()));
    }
  }

  /** An analyzer with a catalog derived from the policy and the system clock. */
  public static PolicyAnalyzer of(Policy policy) {
    return builder(policy).build();
  }

  /** Starts an analyzer over {@code policy}. */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /** The policy analysed. */
  public Policy policy() {
    return policy;
  }

  /** The catalog probed, with its empty axes derived from the policy. */
  public Catalog catalog() {
    return catalog;
  }

  /** The clock decisions are made at. */
  public InstantSource clock() {
    return clock;
  }

  /**
   * What {@code principalId}, acting for itself, can invoke over the catalog.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public EffectivePermissions effectivePermissions(String principalId) {
    if (policy.principal(principalId).isEmpty()) {
      throw new IllegalArgumentException("principal '" + principalId + "' is not defined");
    }
    return effectivePermissions(DelegationChain.of(principalId));
  }

  /**
   * What the last principal of {@code chain}, acting through it, can invoke over the catalog. Where
   * the catalog's tools or resources were derived from the policy, the patterns of the chain's
   * scopes are probed too (through witnesses), so a scope narrower than every grant still shows
   * what it lets through.
   */
  public EffectivePermissions effectivePermissions(DelegationChain chain) {
    Objects.requireNonNull(chain, "chain");
    List<Reach> out = new ArrayList<>();
    boolean prune = unreported.isEmpty();
    List<CatalogTool> tools = new ArrayList<>(catalog.tools());
    List<CatalogResource> resources = new ArrayList<>(catalog.resources());
    for (io.toolgate.Delegation hop : chain.hops()) {
      if (derivedTools) {
        hop.scope()
            .tools()
            .forEach(
                p -> {
                  ToolId w = ToolId.parse(Patterns.witness(p.text()));
                  if (tools.stream().noneMatch(t -> t.tool().id().equals(w))) {
                    tools.add(new CatalogTool(p.text(), io.toolgate.Tool.of(w)));
                  }
                });
      }
      if (derivedResources) {
        hop.scope()
            .resources()
            .forEach(
                p -> {
                  ResourceId w = ResourceId.of(Patterns.witness(p.text()));
                  if (resources.stream().noneMatch(r -> r.id().equals(w))) {
                    resources.add(new CatalogResource(p.text(), w));
                  }
                });
      }
    }
    for (CatalogTool t : tools) {
      ToolId tool = t.tool().id();
      if (prune && !everyHopMayAllow(chain, tool, null)) {
        continue;
      }
      for (CatalogResource r : resources) {
        if (prune && !everyHopMayAllow(chain, tool, r.id())) {
          continue;
        }
        Reach reach = reach(chain, t, r, decide(chain, tool, r.id()));
        if (reach != null) {
          out.add(reach);
        }
      }
    }
    return new EffectivePermissions(chain, out, unreported);
  }

  /** The findings of every kind but unused grants, most severe first. */
  public List<Finding> findings() {
    return new Findings(this, null).all();
  }

  /** The findings of every kind, unused grants judged against {@code log}, most severe first. */
  public List<Finding> findings(DecisionLog log) {
    return new Findings(this, Objects.requireNonNull(log, "log")).all();
  }

  // ---- package-private helpers --------------------------------------------------------------

  /** The grants reported for a principal the policy defines; empty for others. */
  List<Grant> grantsOf(String principalId) {
    return grants.getOrDefault(principalId, List.of());
  }

  List<String> unreportedModules() {
    return unreported;
  }

  Decision decide(DelegationChain chain, ToolId tool, ResourceId resource) {
    return engine.decide(Request.of(chain, tool, resource));
  }

  /**
   * Whether every principal of the chain holds some allow covering the tool (and the resource, if
   * given).
   */
  private boolean everyHopMayAllow(DelegationChain chain, ToolId tool, ResourceId resource) {
    for (String p : chain.principals()) {
      boolean any = false;
      for (Grant g : grantsOf(p)) {
        if (g.effect() == Effect.ALLOW
            && (resource == null ? g.coversTool(tool) : g.covers(tool, resource))) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** The reach of one probe, or null when it is not reached. */
  Reach reach(DelegationChain chain, CatalogTool t, CatalogResource r, Decision d) {
    ToolId tool = t.tool().id();
    ResourceId resource = r.id();
    List<String> unless = new ArrayList<>();
    Set<String> conditionalIds = new LinkedHashSet<>();
    for (String p : chain.principals()) {
      for (Grant g : grantsOf(p)) {
        if (g.isConditional() && g.covers(tool, resource)) {
          conditionalIds.add(g.ruleId());
          if (g.effect() == Effect.DENY) {
            unless.add("unless " + g.condition());
          }
        }
      }
    }
    if (d.isAllowed()) {
      List<GrantRef> refs = refs(chain, d.ruleIds(), tool, resource);
      return unless.isEmpty()
          ? new Reach(t, r, Access.ALWAYS, List.of(), refs)
          : new Reach(t, r, Access.CONDITIONAL, unless, refs);
    }
    Reason reason = d.reason();
    boolean byConditions =
        !d.ruleIds().isEmpty()
            && (reason == Reason.CONDITION_FAILED
                || reason == Reason.ERROR
                || reason == Reason.EXPLICIT_DENY)
            && d.ruleIds().stream()
                .allMatch(
                    id ->
                        conditionalIds.contains(id)
                            || (reason == Reason.CONDITION_FAILED && !reported(chain, id)));
    if (!byConditions) {
      return null;
    }
    List<String> conditions = new ArrayList<>();
    List<GrantRef> refs = new ArrayList<>();
    for (String p : chain.principals()) {
      List<Grant> outright = new ArrayList<>();
      List<Grant> conditional = new ArrayList<>();
      for (Grant g : grantsOf(p)) {
        if (g.effect() == Effect.ALLOW && g.covers(tool, resource)) {
          (g.isConditional() ? conditional : outright).add(g);
        }
      }
      if (!outright.isEmpty()) {
        outright.forEach(g -> refs.add(GrantRef.of(p, g)));
      } else if (!conditional.isEmpty()) {
        conditional.forEach(g -> refs.add(GrantRef.of(p, g)));
        String any =
            String.join(" or ", conditional.stream().map(Grant::condition).distinct().toList());
        conditions.add("when " + (chain.size() > 1 ? "(" + p + ") " : "") + any);
      } else if (reason == Reason.CONDITION_FAILED && !unreported.isEmpty()) {
        d.ruleIds().forEach(id -> refs.add(GrantRef.unreported(p, id)));
        conditions.add("when conditions of " + String.join(", ", unreported) + " hold");
      } else {
        return null;
      }
    }
    conditions.addAll(unless);
    return new Reach(t, r, Access.CONDITIONAL, conditions, refs);
  }

  private boolean reported(DelegationChain chain, String ruleId) {
    for (String p : chain.principals()) {
      for (Grant g : grantsOf(p)) {
        if (g.ruleId().equals(ruleId)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The grants behind the rule ids of an allow, attributed to the principals holding them. */
  private List<GrantRef> refs(
      DelegationChain chain, List<String> ruleIds, ToolId tool, ResourceId resource) {
    List<GrantRef> out = new ArrayList<>();
    for (String id : ruleIds) {
      boolean found = false;
      for (String p : chain.principals()) {
        for (Grant g : grantsOf(p)) {
          if (g.ruleId().equals(id) && g.effect() == Effect.ALLOW && g.covers(tool, resource)) {
            GrantRef ref = GrantRef.of(p, g);
            if (!out.contains(ref)) {
              out.add(ref);
            }
            found = true;
            break;
          }
        }
      }
      if (!found) {
        out.add(GrantRef.unreported(chain.actor(), id));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "PolicyAnalyzer["
        + policy
        + ", "
        + catalog.tools().size()
        + " tools x "
        + catalog.resources().size()
        + " resources]";
  }

  /** Configures a {@link PolicyAnalyzer}; each setting may be given once. */
  public static final class Builder {
    private final Policy policy;
    private Catalog catalog;
    private InstantSource clock;

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The catalog to probe (default: derived from the policy); its empty axes are derived. */
    public Builder catalog(Catalog value) {
      if (catalog != null) {
        throw new IllegalStateException("catalog was already set");
      }
      this.catalog = Objects.requireNonNull(value, "catalog");
      return this;
    }

    /** The clock decisions are made at (default: the system clock), for expiries. */
    public Builder clock(InstantSource value) {
      if (clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Builds the analyzer; the builder is left unchanged. */
    public PolicyAnalyzer build() {
      return new PolicyAnalyzer(this);
    }
  }
}
