package io.toolgate.analysis;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.Grant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shrinks a policy to what a decision log shows was used, as IAM Access Analyzer does for cloud
 * roles: the smallest whitelist per principal that allows every allowed call of the log, and
 * nothing the original policy denies. Immutable and thread-safe.
 *
 * <p>The rule, per principal:
 *
 * <ol>
 *   <li>Every allowed call of the log is replayed through the original policy (uncached, at the
 *       tightener's clock); a call it no longer allows is dropped with a note. Every principal of a
 *       kept call's chain needs its own allow, so each gets the call's (tool, resource).
 *   <li>Tools are exact: one tool id per used tool, never a pattern.
 *   <li>Resources are exact, with one generalization: when {@code minSiblings} (default {@value
 *       #DEFAULT_MIN_SIBLINGS}) or more distinct resources sharing everything up to their last
 *       {@code /} were used with one tool, they become {@code parent/*}, but only if one allow of
 *       the principal in the original policy that applies always covers the tool on all of {@code
 *       parent/*}, and no deny that cannot be carried over (below) overlaps it. The "none" resource
 *       is written {@code *}, the narrowest pattern that matches it (an allow covering "none"
 *       covers all of {@code *}).
 *   <li>Tools sharing the same resource patterns share one entry.
 *   <li>Every deny of the principal (whitelist or role) that applies always (no condition, every
 *       tenant) and overlaps one of its new allows is kept, as a whitelist deny, so a generalized
 *       pattern never reopens what a deny closed.
 * </ol>
 *
 * The tightened policy keeps principals, catalogs, delegation limits and pins, and drops plugged-in
 * modules. So, for policies whose modules report their grants, it allows every replayed call and
 * nothing the original denies (with the default session). Conditions and tenants cannot be written
 * in a whitelist: calls allowed by a conditional or tenant-scoped grant are allowed for every call
 * and in every tenant, with a note.
 */
public final class Tightener {
  /**
   * The default number of distinct siblings from which resources generalize to {@code parent/*}.
   */
  public static final int DEFAULT_MIN_SIBLINGS = 3;

  private final int minSiblings;
  private final InstantSource clock;

  private Tightener(Builder b) {
    this.minSiblings = b.minSiblings > 0 ? b.minSiblings : DEFAULT_MIN_SIBLINGS;
    this.clock = b.clock != null ? b.clock : InstantSource.system();
  }

  /** A tightener with the default rule and the system clock. */
  public static Tightener defaults() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many distinct siblings generalize to {@code parent/*}. */
  public int minSiblings() {
    return minSiblings;
  }

  /**
   * Tightens {@code policy} to the allowed calls of {@code log}.
   *
   * @throws IllegalStateException if the tightened policy cannot be built (a bug)
   */
  public Tightening tighten(Policy policy, DecisionLog log) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(log, "log");
    DecisionEngine engine = DecisionEngine.builder(policy).cacheSize(0).clock(clock).build();
    List<String> notes = new ArrayList<>();
    // principal -> tool -> resource -> calls; and principal -> tool -> original rule ids used
    Map<String, Map<ToolId, Map<ResourceId, Integer>>> used = new HashMap<>();
    Map<String, Map<ToolId, Set<String>>> rules = new HashMap<>();
    int allowed = 0;
    int replayed = 0;
    for (LoggedDecision d : log.decisions()) {
      if (!d.isAllowed()) {
        continue;
      }
      allowed++;
      DelegationChain chain;
      try {
        chain = DelegationChain.of(d.chain().get(0));
        for (String hop : d.chain().subList(1, d.chain().size())) {
          chain = chain.then(hop);
        }
      } catch (IllegalArgumentException e) {
        notes.add(
            "call "
                + d.chain()
                + " "
                + d.tool()
                + " on "
                + d.resource()
                + " not kept: "
                + e.getMessage());
        continue;
      }
      Decision now = engine.decide(Request.of(chain, d.tool(), d.resource()));
      if (!now.isAllowed()) {
        notes.add(
            "call "
                + chain
                + " "
                + d.tool()
                + " on "
                + d.resource()
                + " ("
                + d.time()
                + ") not kept: the policy denies it now ("
                + now.reason()
                + ")");
        continue;
      }
      replayed++;
      for (String p : chain.principals()) {
        used.computeIfAbsent(p, k -> new HashMap<>())
            .computeIfAbsent(
                d.tool(), k -> new TreeMap<>(java.util.Comparator.comparing(ResourceId::value)))
            .merge(d.resource(), 1, Integer::sum);
        rules
            .computeIfAbsent(p, k -> new HashMap<>())
            .computeIfAbsent(d.tool(), k -> new LinkedHashSet<>())
            .addAll(now.ruleIds());
      }
    }
    if (!policy.modules().isEmpty()) {
      notes.add(
          "modules "
              + policy.modules().stream().map(m -> m.name()).toList()
              + " are dropped: the tightened whitelist replaces their grants");
    }
    if (!policy.modulesWithoutGrantReports().isEmpty()) {
      notes.add(
          "modules "
              + policy.modulesWithoutGrantReports()
              + " do not report their grants: their denies "
              + "cannot be carried over, and no resource is generalized on their account");
    }
    Policy.Builder b = copyOfEverythingButGrants(policy);
    List<TightenedEntry> entries = new ArrayList<>();
    for (Principal p : policy.principals()) {
      Map<ToolId, Map<ResourceId, Integer>> tools = used.get(p.id());
      if (tools == null) {
        continue;
      }
      List<Grant> grants = policy.grants(p.id());
      Set<String> mine = new LinkedHashSet<>();
      grants.forEach(g -> mine.add(g.ruleId()));
      Map<List<String>, List<ToolId>> byResources = new LinkedHashMap<>();
      Map<List<String>, Integer> calls = new HashMap<>();
      Map<List<String>, Set<String>> replaces = new HashMap<>();
      for (ToolId tool : new TreeSet<>(tools.keySet())) {
        List<String> patterns = resources(p.id(), tool, tools.get(tool).keySet(), grants, notes);
        byResources.computeIfAbsent(patterns, k -> new ArrayList<>()).add(tool);
        calls.merge(
            patterns,
            tools.get(tool).values().stream().mapToInt(Integer::intValue).sum(),
            Integer::sum);
        Set<String> ids = replaces.computeIfAbsent(patterns, k -> new LinkedHashSet<>());
        for (String id : rules.get(p.id()).get(tool)) {
          if (mine.contains(id)) {
            ids.add(id);
            grants.stream()
                .filter(g -> g.ruleId().equals(id) && !g.appliesAlways())
                .findFirst()
                .ifPresent(
                    g ->
                        notes.add(
                            "'"
                                + p.id()
                                + "' used "
                                + tool
                                + " through "
                                + id
                                + " ("
                                + (g.isTenantScoped() ? "in tenant " + g.tenant() : "")
                                + (g.isTenantScoped() && g.isConditional() ? ", " : "")
                                + (g.isConditional() ? "when " + g.condition() : "")
                                + "); the tightened entry allows it in every tenant and for every call"));
          }
        }
      }
      int n = 0;
      List<AccessEntry> allows = new ArrayList<>();
      for (Map.Entry<List<String>, List<ToolId>> e : byResources.entrySet()) {
        List<String> toolIds = e.getValue().stream().map(ToolId::qualifiedName).toList();
        AccessEntry entry =
            e.getKey().isEmpty()
                ? AccessEntry.of(p.id() + "/allow/" + n++, Effect.ALLOW, toolIds)
                : AccessEntry.of(p.id() + "/allow/" + n++, Effect.ALLOW, toolIds, e.getKey());
        allows.add(entry);
        b.entry(p.id(), entry);
        entries.add(
            new TightenedEntry(
                p.id(),
                entry.id(),
                Effect.ALLOW,
                toolIds,
                e.getKey(),
                calls.get(e.getKey()),
                List.copyOf(replaces.get(e.getKey()))));
      }
      int m = 0;
      for (Grant d : grants) {
        if (d.effect() != Effect.DENY || !d.appliesAlways() || !overlapsAny(d, allows)) {
          continue;
        }
        List<String> denyTools =
            d.tools().stream()
                .filter(
                    t ->
                        !policy.hasToolCatalog()
                            || policy.tools().stream().anyMatch(x -> t.matches(x.id())))
                .map(ToolPattern::toString)
                .toList();
        if (denyTools.isEmpty()) {
          continue;
        }
        List<String> denyResources = d.resources().stream().map(ResourcePattern::toString).toList();
        AccessEntry entry =
            denyResources.isEmpty()
                ? AccessEntry.of(p.id() + "/deny/" + m++, Effect.DENY, denyTools)
                : AccessEntry.of(p.id() + "/deny/" + m++, Effect.DENY, denyTools, denyResources);
        b.entry(p.id(), entry);
        entries.add(
            new TightenedEntry(
                p.id(), entry.id(), Effect.DENY, denyTools, denyResources, 0, List.of(d.ruleId())));
      }
    }
    Policy tightened;
    try {
      tightened = b.build();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the tightened policy is invalid: " + e.getMessage(), e);
    }
    return new Tightening(tightened, entries, allowed, replayed, notes);
  }

  private static Policy.Builder copyOfEverythingButGrants(Policy policy) {
    Policy.Builder b = Policy.builder().maxDelegationDepth(policy.maxDelegationDepth());
    policy.principals().forEach(b::principal);
    if (policy.hasToolCatalog()) {
      policy.tools().forEach(b::tool);
    }
    if (policy.hasResourceCatalog()) {
      policy.resources().forEach(b::resource);
    }
    policy.delegationLimits().forEach(b::delegationLimit);
    policy.pins().forEach(b::pin);
    return b;
  }

  /** The resource patterns of one principal's tool, by the rule in the class documentation. */
  private List<String> resources(
      String principal, ToolId tool, Set<ResourceId> used, List<Grant> grants, List<String> notes) {
    Set<String> out = new TreeSet<>();
    Map<String, List<String>> byParent = new TreeMap<>();
    for (ResourceId r : used) {
      String value = r.value();
      if (r.isNone()) {
        if (!coveredByOneAllow(tool, "*", grants) || deniedSomewhereUncarried(tool, "*", grants)) {
          notes.add(
              "'"
                  + principal
                  + "' used "
                  + tool
                  + " on no resource; written '*', which the original "
                  + "policy may not allow in full");
        }
        out.add("*");
      } else if (value.indexOf('*') >= 0) {
        notes.add(
            "'"
                + principal
                + "' used "
                + tool
                + " on "
                + value
                + ", whose '*' a pattern cannot name "
                + "exactly; written as is");
        out.add(value);
      } else {
        int slash = value.lastIndexOf('/');
        if (slash < 0) {
          out.add(value);
        } else {
          byParent.computeIfAbsent(value.substring(0, slash), k -> new ArrayList<>()).add(value);
        }
      }
    }
    byParent.forEach(
        (parent, siblings) -> {
          String general = parent + "/*";
          if (siblings.size() >= minSiblings
              && coveredByOneAllow(tool, general, grants)
              && !deniedSomewhereUncarried(tool, general, grants)) {
            out.add(general);
          } else {
            out.addAll(siblings);
          }
        });
    return List.copyOf(out);
  }

  private static boolean coveredByOneAllow(ToolId tool, String pattern, List<Grant> grants) {
    for (Grant g : grants) {
      if (g.effect() == Effect.ALLOW
          && g.appliesAlways()
          && g.coversTool(tool)
          && (g.resources().isEmpty()
              || g.resources().stream().anyMatch(r -> Patterns.covers(r.text(), pattern)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a deny that cannot be written into the whitelist (conditional, or scoped to a tenant)
   * overlaps {@code pattern} for {@code tool}: generalizing there could reopen what it closes.
   */
  private static boolean deniedSomewhereUncarried(ToolId tool, String pattern, List<Grant> grants) {
    for (Grant g : grants) {
      if (g.effect() == Effect.DENY
          && !g.appliesAlways()
          && g.coversTool(tool)
          && (g.resources().isEmpty()
              || g.resources().stream().anyMatch(r -> Patterns.intersects(r.text(), pattern)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlapsAny(Grant deny, List<AccessEntry> allows) {
    for (AccessEntry a : allows) {
      boolean tools =
          a.tools().stream()
              .anyMatch(
                  t ->
                      deny.tools().stream().anyMatch(d -> Patterns.intersects(d.text(), t.text())));
      boolean resources =
          deny.resources().isEmpty()
              || a.resources().stream()
                  .anyMatch(
                      r ->
                          deny.resources().stream()
                              .anyMatch(d -> Patterns.intersects(d.text(), r.text())));
      if (tools && resources) {
        return true;
      }
    }
    return false;
  }

  /** Configures a {@link Tightener}; each setting may be given once. */
  public static final class Builder {
    private int minSiblings;
    private InstantSource clock;

    private Builder() {}

    /**
     * How many distinct resources under one parent generalize to {@code parent/*} (default {@value
     * #DEFAULT_MIN_SIBLINGS}); {@link Integer#MAX_VALUE} never generalizes.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder minSiblings(int n) {
      if (minSiblings != 0) {
        throw new IllegalStateException("minSiblings was already set");
      }
      if (n < 1) {
        throw new IllegalArgumentException("minSiblings must be >= 1, was " + n);
      }
      this.minSiblings = n;
      return this;
    }

    /** The clock the log is replayed at (default: the system clock), for expiries. */
    public Builder clock(InstantSource value) {
      if (clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Builds the tightener; the builder is left unchanged. */
    public Tightener build() {
      return new Tightener(this);
    }
  }
}
