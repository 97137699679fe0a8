package io.toolgate;

import io.toolgate.internal.Digests;
import io.toolgate.internal.Frozen;
import io.toolgate.internal.engine.WhitelistModule;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, validated and compiled policy snapshot: principals, an optional tool catalog, an
 * optional resource catalog, the whitelist (per-principal allow and deny entries), delegation
 * limits, and the {@link PolicyModule}s plugged in (roles, rules). Thread-safe.
 *
 * <p>Building a policy validates everything at once and reports every problem in one {@link
 * InvalidPolicyException}; a policy object that exists is complete and usable. Its {@link
 * #version()} is either given or a digest of its content, and every {@link Decision} made from it
 * carries that version.
 */
public final class Policy {
  /** The default maximum number of delegation hops in a chain. */
  public static final int DEFAULT_MAX_DELEGATION_DEPTH = 4;

  private final String version;
  private final Map<String, Principal> principals;
  private final Map<ToolId, Tool> tools;
  private final boolean toolCatalog;
  private final Map<ResourceId, Resource> resources;
  private final boolean resourceCatalog;
  private final Map<String, List<AccessEntry>> entries;
  private final int maxDelegationDepth;
  private final Map<String, Integer> delegationLimits;
  private final Map<ToolId, String> pins;
  private final List<PolicyModule> modules;
  private final List<CompiledModule> compiled;
  private final Map<String, List<Limit>> entryLimits;
  private final Map<String, List<Limit>> limits;
  private final List<AuditArguments> auditArguments;

  private Policy(Builder b, String version, List<CompiledModule> compiled) {
    this.version = version;
    this.principals = Frozen.map(b.principals);
    this.tools = Frozen.map(b.tools);
    this.toolCatalog = b.toolCatalog;
    this.resources = Frozen.map(b.resources);
    this.resourceCatalog = b.resourceCatalog;
    Map<String, List<AccessEntry>> e = new LinkedHashMap<>();
    b.entries.forEach((k, v) -> e.put(k, List.copyOf(v)));
    this.entries = Frozen.map(e);
    this.maxDelegationDepth = b.maxDelegationDepth;
    this.delegationLimits = Frozen.map(b.delegationLimits);
    this.pins = Frozen.map(b.pins);
    this.modules = List.copyOf(b.modules);
    this.compiled = List.copyOf(compiled);
    Map<String, List<Limit>> el = new LinkedHashMap<>();
    b.limits.forEach((k, v) -> el.put(k, List.copyOf(v)));
    this.entryLimits = Frozen.map(el);
    Map<String, List<Limit>> all = new LinkedHashMap<>();
    el.forEach((k, v) -> all.put(k, new ArrayList<>(v)));
    for (CompiledModule m : compiled) {
      m.limits()
          .forEach((rule, list) -> all.computeIfAbsent(rule, k -> new ArrayList<>()).addAll(list));
    }
    Map<String, List<Limit>> frozen = new LinkedHashMap<>();
    all.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.limits = Frozen.map(frozen);
    this.auditArguments = List.copyOf(b.auditArguments);
  }

  /** The tool arguments the audit log records ({@link Builder#auditArguments}); empty: none. */
  public List<AuditArguments> auditArguments() {
    return auditArguments;
  }

  /** Returns a builder for a new policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The version every decision from this policy carries. */
  public String version() {
    return version;
  }

  /** Every principal, in definition order. */
  public Collection<Principal> principals() {
    return principals.values();
  }

  /** The principal with this id, if defined. */
  public Optional<Principal> principal(String id) {
    return Optional.ofNullable(principals.get(id));
  }

  /** Whether the policy declares a tool catalog, outside which tools are unknown. */
  public boolean hasToolCatalog() {
    return toolCatalog;
  }

  /** The tool catalog, in definition order; empty without one. */
  public Collection<Tool> tools() {
    return tools.values();
  }

  /** Whether the policy declares a resource catalog, outside which resources are unknown. */
  public boolean hasResourceCatalog() {
    return resourceCatalog;
  }

  /** The resource catalog, in definition order; empty without one. */
  public Collection<Resource> resources() {
    return resources.values();
  }

  /** The whitelist: each principal's entries, in definition order. */
  public Map<String, List<AccessEntry>> entries() {
    return entries;
  }

  /** The maximum number of delegation hops a chain may have. */
  public int maxDelegationDepth() {
    return maxDelegationDepth;
  }

  /**
   * Per-principal delegation limits: how many more principals may follow each listed principal in
   * any chain (0: it may not delegate at all).
   */
  public Map<String, Integer> delegationLimits() {
    return delegationLimits;
  }

  /**
   * The definition digests pinned per tool ({@link ToolDefinition#digest()}): a call to a pinned
   * tool whose current definition has another digest is denied by {@link
   * io.toolgate.guard.ToolGuard} with {@link Reason#TOOL_DEFINITION_CHANGED}.
   */
  public Map<ToolId, String> pins() {
    return pins;
  }

  /** The definition digest pinned for {@code tool}, if any. */
  public Optional<String> pin(ToolId tool) {
    return Optional.ofNullable(pins.get(tool));
  }

  /**
   * The {@link Limit}s on whitelist entries, by entry id, as given to {@link Builder#limit}; the
   * limits of every rule, modules' included, are {@link #limits()}.
   */
  public Map<String, List<Limit>> entryLimits() {
    return entryLimits;
  }

  /**
   * Every {@link Limit} the engine enforces, by the id of the entry or rule carrying it: the
   * whitelist's ({@link #entryLimits()}) and each module's ({@link CompiledModule#limits()}). Empty
   * for a policy without limits, whose decisions cost what they did before limits existed.
   */
  public Map<String, List<Limit>> limits() {
    return limits;
  }

  /** The modules plugged in after the whitelist, in order. */
  public List<PolicyModule> modules() {
    return modules;
  }

  /**
   * Every grant the modules report for {@code principalId} (the whitelist's entries first, then
   * each module's in order), for least-privilege tooling ({@code io.toolgate.analysis}); modules
   * listed by {@link #modulesWithoutGrantReports()} report none. Never used to decide.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public List<io.toolgate.spi.Grant> grants(String principalId) {
    Principal p = principals.get(principalId);
    if (p == null) {
      throw new IllegalArgumentException("principal '" + principalId + "' is not defined");
    }
    List<io.toolgate.spi.Grant> out = new ArrayList<>();
    for (CompiledModule m : compiled) {
      if (m.reportsGrants()) {
        out.addAll(m.grants(p));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The names of the plugged-in modules that do not report their grants ({@link
   * CompiledModule#reportsGrants()}): explanations built from {@link #grants} may miss what they
   * allow or deny.
   */
  public List<String> modulesWithoutGrantReports() {
    List<String> out = new ArrayList<>();
    // compiled holds the whitelist first, then one compiled module per plugged-in module.
    for (int i = 1; i < compiled.size(); i++) {
      if (!compiled.get(i).reportsGrants()) {
        out.add(modules.get(i - 1).name());
      }
    }
    return List.copyOf(out);
  }

  /**
   * A service a compiled module publishes ({@link CompiledModule#service}), such as the {@link
   * io.toolgate.spi.RoleDirectory} of a role module; the first module offering it wins.
   */
  public <T> Optional<T> service(Class<T> type) {
    for (CompiledModule m : compiled) {
      Optional<T> s = m.service(type);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  /** Returns a builder holding this policy's content, to derive a changed policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    principals.values().forEach(b::principal);
    if (toolCatalog) {
      b.toolCatalog = true;
      b.tools.putAll(tools);
    }
    if (resourceCatalog) {
      b.resourceCatalog = true;
      b.resources.putAll(resources);
    }
    entries.forEach((p, list) -> list.forEach(e -> b.entry(p, e)));
    b.maxDelegationDepth = maxDelegationDepth;
    b.delegationLimits.putAll(delegationLimits);
    b.pins.putAll(pins);
    entryLimits.forEach((id, list) -> b.limits.put(id, new ArrayList<>(list)));
    b.modules.addAll(modules);
    b.auditArguments.addAll(auditArguments);
    return b;
  }

  // ---- allocation-free lookups, for the engine and plug-ins on hot paths ------------------------

  /** The principal with this id, or null: {@link #principal(String)} without the Optional. */
  public @Nullable Principal findPrincipal(String id) {
    return principals.get(id);
  }

  /** The delegation limit of a principal, or -1 when it has none. */
  public int delegationLimit(String principalId) {
    Integer limit = delegationLimits.get(principalId);
    return limit == null ? -1 : limit;
  }

  /** The catalog's tool with this id, or null. */
  public @Nullable Tool findTool(ToolId id) {
    return tools.get(id);
  }

  /** The catalog's resource with this id, or null. */
  public @Nullable Resource findResource(ResourceId id) {
    return resources.get(id);
  }

  /** The policy's modules, the whitelist first, each compiled against this policy. */
  public List<CompiledModule> compiledModules() {
    return compiled;
  }

  @Override
  public String toString() {
    return "Policy["
        + version
        + ": "
        + principals.size()
        + " principals, "
        + entries.values().stream().mapToInt(List::size).sum()
        + " entries, "
        + (toolCatalog ? tools.size() + " tools, " : "")
        + modules.size()
        + " modules]";
  }

  /** Collects a policy's content; {@link #build()} validates it all and compiles it. */
  public static final class Builder {
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Map<ToolId, Tool> tools = new LinkedHashMap<>();
    private boolean toolCatalog;
    private final Map<ResourceId, Resource> resources = new LinkedHashMap<>();
    private boolean resourceCatalog;
    private final Map<String, List<AccessEntry>> entries = new LinkedHashMap<>();
    private final List<PolicyModule> modules = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> idCounters = new java.util.HashMap<>();
    private final Set<String> usedIds = new HashSet<>();
    private int maxDelegationDepth = DEFAULT_MAX_DELEGATION_DEPTH;
    private final Map<String, Integer> delegationLimits = new LinkedHashMap<>();
    private final Map<ToolId, String> pins = new LinkedHashMap<>();
    private final Map<String, List<Limit>> limits = new LinkedHashMap<>();
    private final List<AuditArguments> auditArguments = new ArrayList<>();
    private String version;

    private Builder() {}

    /** Sets the version decisions carry; by default it is a digest of the content. */
    public Builder version(String value) {
      this.version = io.toolgate.internal.Checks.identifier(value, "policy version");
      return this;
    }

    /** Defines a principal. */
    public Builder principal(Principal principal) {
      if (principals.putIfAbsent(principal.id(), principal) != null) {
        problems.add("principal '" + principal.id() + "' is defined twice");
      }
      return this;
    }

    /** Defines principals. */
    public Builder principals(Principal... values) {
      for (Principal p : values) {
        principal(p);
      }
      return this;
    }

    /**
     * Adds a tool to the catalog; once a catalog exists, tools outside it are denied as unknown.
     */
    public Builder tool(Tool tool) {
      toolCatalog = true;
      if (tools.putIfAbsent(tool.id(), tool) != null) {
        problems.add("tool '" + tool.id() + "' is defined twice");
      }
      return this;
    }

    /** Adds a resource to the catalog; once a catalog exists, resources outside it are unknown. */
    public Builder resource(Resource resource) {
      resourceCatalog = true;
      if (resource.id().isNone()) {
        problems.add("the 'none' resource is always known and cannot be declared");
      } else if (resources.putIfAbsent(resource.id(), resource) != null) {
        problems.add("resource '" + resource.id() + "' is defined twice");
      }
      return this;
    }

    /** Adds a whitelist entry of {@code principalId}. */
    public Builder entry(String principalId, AccessEntry entry) {
      entries.computeIfAbsent(principalId, k -> new ArrayList<>()).add(entry);
      usedIds.add(entry.id());
      return this;
    }

    /**
     * Allows {@code principalId} the given tool patterns on every resource, under the entry id
     * {@code principalId/allow/N}. Narrow it with {@link #allow(String, List, List)}.
     */
    public Builder allow(String principalId, String... toolPatterns) {
      return entry(
          principalId,
          AccessEntry.of(nextId(principalId, "allow"), Effect.ALLOW, List.of(toolPatterns)));
    }

    /**
     * Allows {@code principalId} the tool patterns on the resource patterns.
     *
     * @throws IllegalArgumentException if {@code resourcePatterns} is empty (leave it out, as in
     *     {@link #allow(String, String...)}, or write {@code **} for every resource)
     */
    public Builder allow(
        String principalId, List<String> toolPatterns, List<String> resourcePatterns) {
      return entry(
          principalId,
          AccessEntry.of(
              nextId(principalId, "allow"), Effect.ALLOW, toolPatterns, resourcePatterns));
    }

    /** Denies {@code principalId} the given tool patterns on every resource. */
    public Builder deny(String principalId, String... toolPatterns) {
      return entry(
          principalId,
          AccessEntry.of(nextId(principalId, "deny"), Effect.DENY, List.of(toolPatterns)));
    }

    /**
     * Denies {@code principalId} the tool patterns on the resource patterns.
     *
     * @throws IllegalArgumentException if {@code resourcePatterns} is empty
     */
    public Builder deny(
        String principalId, List<String> toolPatterns, List<String> resourcePatterns) {
      return entry(
          principalId,
          AccessEntry.of(nextId(principalId, "deny"), Effect.DENY, toolPatterns, resourcePatterns));
    }

    private String nextId(String principalId, String kind) {
      String prefix = principalId + "/" + kind + "/";
      String id;
      do {
        id = prefix + (idCounters.merge(prefix, 1, Integer::sum) - 1);
      } while (usedIds.contains(id));
      return id;
    }

    /**
     * Sets the maximum number of delegation hops (default {@value #DEFAULT_MAX_DELEGATION_DEPTH}).
     */
    public Builder maxDelegationDepth(int hops) {
      if (hops < 0) {
        throw new IllegalArgumentException("maxDelegationDepth must be >= 0, was " + hops);
      }
      this.maxDelegationDepth = hops;
      return this;
    }

    /**
     * Limits how many more principals may follow {@code principalId} in any chain, whoever
     * delegated to it (0: it may not delegate at all). Applies on top of {@link
     * #maxDelegationDepth(int)} and of every hop's own {@link DelegationScope} limit.
     */
    public Builder delegationLimit(String principalId, int furtherHops) {
      io.toolgate.internal.Checks.identifier(principalId, "principal id");
      if (furtherHops < 0) {
        throw new IllegalArgumentException("a delegation limit must be >= 0, was " + furtherHops);
      }
      delegationLimits.put(principalId, furtherHops);
      return this;
    }

    /**
     * Pins {@code tool} to the digest of the definition that was approved ({@link
     * ToolDefinition#digest()}, {@code sha256:} and 64 hex digits). Calls through a {@link
     * io.toolgate.guard.ToolGuard} to a tool whose definition no longer has this digest are denied
     * with {@link Reason#TOOL_DEFINITION_CHANGED} until the policy pins the new one. Pinning again
     * replaces the pin (a re-approval).
     *
     * @throws IllegalArgumentException if the digest is malformed
     */
    public Builder pin(ToolId tool, String digest) {
      java.util.Objects.requireNonNull(tool, "tool");
      pins.put(tool, ToolDefinition.checkDigest(digest));
      return this;
    }

    /**
     * Limits the calls the whitelist's allow entry {@code entryId} allows (see {@link Limit}): once
     * a decision allows a call through the entry, the call counts against the limit, and a call
     * that finds it used up is denied with {@link Reason#RATE_LIMITED}. An entry may carry several
     * limits; a call is allowed only when every one of them has a call left, and a denied call
     * consumes none.
     *
     * <pre>{@code
     * Policy.builder()
     *     .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
     *     .limit("alice-pay", Limit.of(100, Duration.ofHours(1), Limit.Per.ORIGIN, "payments/transfer"))
     * }</pre>
     */
    public Builder limit(String entryId, Limit limit) {
      io.toolgate.internal.Checks.identifier(entryId, "entry id");
      java.util.Objects.requireNonNull(limit, "limit");
      limits.computeIfAbsent(entryId, k -> new ArrayList<>()).add(limit);
      return this;
    }

    /**
     * Names tool arguments the audit log records for calls of matching tools (see {@link
     * AuditArguments}); without any, no argument is logged. Rules add up; a field two rules name
     * for the same tool is redacted if either says so.
     */
    public Builder auditArguments(AuditArguments... rules) {
      for (AuditArguments r : rules) {
        auditArguments.add(java.util.Objects.requireNonNull(r, "audit arguments"));
      }
      return this;
    }

    /**
     * Plugs in a module (roles, rules); modules compile in the order added, after the whitelist.
     */
    public Builder module(PolicyModule module) {
      modules.add(module);
      return this;
    }

    /**
     * Validates everything and compiles the policy. The builder is left unchanged.
     *
     * @throws InvalidPolicyException listing every problem found
     */
    public Policy build() {
      List<String> found = new ArrayList<>(problems);
      validatePrincipals(found);
      delegationLimits.keySet().stream()
          .filter(p -> !principals.containsKey(p))
          .forEach(
              p ->
                  found.add(
                      "a delegation limit names principal '" + p + "', which is not defined"));
      Set<String> entryIds = new HashSet<>();
      entries.forEach(
          (principal, list) -> {
            if (!principals.containsKey(principal)) {
              found.add(
                  "whitelist entries name principal '" + principal + "', which is not defined");
            }
            for (AccessEntry e : list) {
              if (!entryIds.add(e.id())) {
                found.add("entry id '" + e.id() + "' is used twice");
              }
              if (toolCatalog) {
                for (ToolPattern t : e.tools()) {
                  if (tools.keySet().stream().noneMatch(t::matches)) {
                    found.add(
                        "entry '"
                            + e.id()
                            + "': tool pattern '"
                            + t
                            + "' matches no tool in the catalog, so it can never match");
                  }
                }
              }
            }
          });
      limits.forEach(
          (id, list) -> {
            AccessEntry e =
                entries.values().stream()
                    .flatMap(List::stream)
                    .filter(x -> x.id().equals(id))
                    .findFirst()
                    .orElse(null);
            if (e == null) {
              found.add("a limit names entry '" + id + "', which is not defined");
            } else if (e.effect() != Effect.ALLOW) {
              found.add(
                  "a limit names entry '"
                      + id
                      + "', a deny entry: only what allows can be limited");
            } else if (e.isLogOnly()) {
              found.add(
                  "a limit names entry '"
                      + id
                      + "', a log-only entry: it allows nothing, so nothing can be limited");
            } else {
              for (Limit l : list) {
                if (!l.tools().isEmpty()
                    && e.tools().stream()
                        .noneMatch(t -> l.tools().stream().anyMatch(lt -> overlaps(lt, t)))) {
                  found.add(
                      "entry '"
                          + id
                          + "': limit "
                          + l
                          + " names no tool the entry allows, so it never counts");
                }
              }
            }
          });
      Set<String> moduleNames = new HashSet<>(Set.of("whitelist"));
      for (PolicyModule m : modules) {
        if (!moduleNames.add(m.name())) {
          found.add("module '" + m.name() + "' is plugged in twice");
        }
      }
      if (!found.isEmpty()) {
        throw new InvalidPolicyException(found);
      }
      List<PolicyModule> all = new ArrayList<>();
      Map<String, List<AccessEntry>> whitelist = new LinkedHashMap<>();
      entries.forEach((k, v) -> whitelist.put(k, List.copyOf(v)));
      all.add(new WhitelistModule(whitelist));
      all.addAll(modules);
      View view = new View(this);
      List<CompiledModule> compiled = new ArrayList<>();
      for (PolicyModule m : all) {
        try {
          CompiledModule c = m.compile(view);
          compiled.add(c);
          view.compiled.add(c);
        } catch (InvalidPolicyException e) {
          e.problems().forEach(p -> found.add(m.name() + ": " + p));
        }
      }
      if (!found.isEmpty()) {
        throw new InvalidPolicyException(found);
      }
      return new Policy(this, version != null ? version : digest(), compiled);
    }

    /**
     * Whether some tool may match both patterns: exact patterns are compared as tools, wildcards
     * are given the benefit of the doubt (a limit over {@code payments/*} on an entry allowing
     * {@code *}{@code /transfer} may count something).
     */
    private static boolean overlaps(ToolPattern a, ToolPattern b) {
      if (a.isExact()) {
        return b.matches(ToolId.parse(a.text()));
      }
      if (b.isExact()) {
        return a.matches(ToolId.parse(b.text()));
      }
      return true;
    }

    private void validatePrincipals(List<String> found) {
      for (Principal p : principals.values()) {
        String owner = p.owner().orElse(null);
        if (owner != null && !principals.containsKey(owner)) {
          found.add("principal '" + p.id() + "' names owner '" + owner + "', which is not defined");
        }
      }
      for (Principal p : principals.values()) {
        Set<String> seen = new HashSet<>();
        Principal at = p;
        while (at != null && at.owner().isPresent()) {
          if (!seen.add(at.id())) {
            found.add("principal '" + p.id() + "' is in an ownership cycle: " + seen);
            break;
          }
          at = principals.get(at.owner().get());
        }
      }
    }

    /** A digest of the canonical content: sorted, so definition order does not change it. */
    private String digest() {
      Map<String, Object> canonical = new TreeMap<>();
      Map<String, Object> ps = new TreeMap<>();
      principals
          .values()
          .forEach(
              p ->
                  ps.put(
                      p.id(),
                      List.of(
                          p.type(),
                          p.owner().orElse(""),
                          new TreeMap<>(p.attributes()).toString(),
                          String.valueOf(p.expiry().orElse(null)),
                          p.state())));
      canonical.put("principals", ps);
      Map<String, Object> ts = new TreeMap<>();
      tools
          .values()
          .forEach(
              t ->
                  ts.put(
                      t.id().toString(),
                      List.of(t.annotations(), new TreeMap<>(t.attributes()).toString())));
      canonical.put("tools", toolCatalog ? ts : "none");
      Map<String, Object> rs = new TreeMap<>();
      resources
          .values()
          .forEach(r -> rs.put(r.id().value(), new TreeMap<>(r.attributes()).toString()));
      canonical.put("resources", resourceCatalog ? rs : "none");
      Map<String, Object> es = new TreeMap<>();
      entries.forEach((k, v) -> es.put(k, v.toString()));
      canonical.put("entries", es);
      canonical.put("maxDelegationDepth", maxDelegationDepth);
      canonical.put("delegationLimits", new TreeMap<>(delegationLimits));
      if (!pins.isEmpty()) {
        Map<String, String> ps2 = new TreeMap<>();
        pins.forEach((t, d) -> ps2.put(t.toString(), d));
        canonical.put("pins", ps2);
      }
      if (!limits.isEmpty()) {
        Map<String, String> ls = new TreeMap<>();
        limits.forEach((id, list) -> ls.put(id, list.toString()));
        canonical.put("limits", ls);
      }
      if (!auditArguments.isEmpty()) {
        canonical.put("auditArguments", auditArguments.toString());
      }
      canonical.put(
          "modules", modules.stream().map(m -> m.name() + ":" + m.fingerprint()).toList());
      return "sha256:" + Digests.sha256Hex16(canonical.toString());
    }
  }

  /** The builder's content as modules see it while compiling. */
  private static final class View implements PolicyView {
    private final Builder b;
    private final List<CompiledModule> compiled = new ArrayList<>();

    View(Builder b) {
      this.b = b;
    }

    @Override
    public Collection<Principal> principals() {
      return java.util.Collections.unmodifiableCollection(b.principals.values());
    }

    @Override
    public Optional<Principal> principal(String id) {
      return Optional.ofNullable(b.principals.get(id));
    }

    @Override
    public boolean hasToolCatalog() {
      return b.toolCatalog;
    }

    @Override
    public Collection<Tool> tools() {
      return java.util.Collections.unmodifiableCollection(b.tools.values());
    }

    @Override
    public Optional<Tool> tool(ToolId id) {
      return Optional.ofNullable(b.tools.get(id));
    }

    @Override
    public boolean hasResourceCatalog() {
      return b.resourceCatalog;
    }

    @Override
    public Collection<Resource> resources() {
      return java.util.Collections.unmodifiableCollection(b.resources.values());
    }

    @Override
    public Optional<Resource> resource(ResourceId id) {
      return Optional.ofNullable(b.resources.get(id));
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
      for (CompiledModule c : compiled) {
        Optional<T> s = c.service(type);
        if (s.isPresent()) {
          return s;
        }
      }
      return Optional.empty();
    }
  }
}
