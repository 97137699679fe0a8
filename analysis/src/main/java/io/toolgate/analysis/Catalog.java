package io.toolgate.analysis;

import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.Grant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an analysis probes: principals, tools, resources and delegation chains. Each (subject, tool,
 * resource) is decided by the engine, so an analysis is exactly as good as its catalog. Immutable.
 *
 * <p>Axes left empty are derived from the policies analysed ({@link #derivedFrom}):
 *
 * <ul>
 *   <li>principals: every principal the policies define;
 *   <li>tools: a policy's tool catalog when it declares one; otherwise every tool pattern of every
 *       reported grant and chain scope, an exact pattern as its tool, a wildcard pattern as a
 *       witness tool labelled with the pattern ({@code github/*} probed as {@code github/x});
 *   <li>resources: the "none" resource, then a policy's resource catalog when it declares one;
 *       otherwise every resource pattern of every reported grant and chain scope (an exact pattern
 *       as itself, a wildcard pattern as a witness: {@code *} becomes {@code x} and {@code **}
 *       becomes {@code x/x}), then {@code **} itself (witness {@code x/x}) for "any other
 *       resource";
 *   <li>chains: none (principals are probed acting for themselves).
 * </ul>
 *
 * A witness is one member of its pattern: where another entry covers part of a pattern only (a deny
 * on {@code repo:acme/secret-*} inside an allow on {@code repo:acme/*}), the parts the policy names
 * have witnesses of their own, but a part no pattern names is not probed.
 */
public final class Catalog {
  private static final Catalog EMPTY = builder().build();

  private final List<String> principals;
  private final List<CatalogTool> tools;
  private final List<CatalogResource> resources;
  private final List<DelegationChain> chains;

  private Catalog(
      List<String> principals,
      List<CatalogTool> tools,
      List<CatalogResource> resources,
      List<DelegationChain> chains) {
    this.principals = List.copyOf(principals);
    this.tools = List.copyOf(tools);
    this.resources = List.copyOf(resources);
    this.chains = List.copyOf(chains);
  }

  /** A catalog with every axis empty: everything is derived from the policies analysed. */
  public static Catalog derived() {
    return EMPTY;
  }

  /** Returns a builder; axes left empty are derived from the policies analysed. */
  public static Builder builder() {
    return new Builder();
  }

  /** The principals probed acting for themselves. */
  public List<String> principals() {
    return principals;
  }

  /** The tools probed. */
  public List<CatalogTool> tools() {
    return tools;
  }

  /** The resources probed. */
  public List<CatalogResource> resources() {
    return resources;
  }

  /** The delegation chains probed besides the principals. */
  public List<DelegationChain> chains() {
    return chains;
  }

  /**
   * This catalog with each empty axis (but chains) derived from {@code policies}, as the class
   * documentation describes.
   */
  public Catalog derivedFrom(Collection<Policy> policies) {
    List<String> ps = principals;
    if (ps.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      policies.forEach(p -> p.principals().forEach(x -> ids.add(x.id())));
      ps = List.copyOf(ids);
    }
    List<CatalogTool> ts = tools.isEmpty() ? deriveTools(policies) : tools;
    List<CatalogResource> rs = resources.isEmpty() ? deriveResources(policies) : resources;
    return new Catalog(ps, ts, rs, chains);
  }

  private List<CatalogTool> deriveTools(Collection<Policy> policies) {
    Map<ToolId, CatalogTool> out = new LinkedHashMap<>();
    for (Policy p : policies) {
      if (p.hasToolCatalog()) {
        p.tools().forEach(t -> out.putIfAbsent(t.id(), new CatalogTool(t.id().qualifiedName(), t)));
      }
    }
    for (Policy p : policies) {
      if (p.hasToolCatalog()) {
        continue;
      }
      for (String pattern : toolPatterns(p)) {
        ToolId witness = ToolId.parse(Patterns.witness(pattern));
        out.putIfAbsent(witness, new CatalogTool(pattern, Tool.of(witness)));
      }
    }
    return List.copyOf(out.values());
  }

  /** Every tool pattern of {@code p}'s reported grants and of this catalog's chain scopes. */
  Set<String> toolPatterns(Policy p) {
    Set<String> out = new LinkedHashSet<>();
    for (Principal x : p.principals()) {
      for (Grant g : p.grants(x.id())) {
        g.tools().forEach(t -> out.add(t.text()));
      }
    }
    for (DelegationChain c : chains) {
      for (Delegation d : c.hops()) {
        d.scope().tools().forEach(t -> out.add(t.text()));
      }
    }
    return out;
  }

  private List<CatalogResource> deriveResources(Collection<Policy> policies) {
    Map<ResourceId, CatalogResource> out = new LinkedHashMap<>();
    out.put(ResourceId.NONE, CatalogResource.NONE);
    for (Policy p : policies) {
      if (p.hasResourceCatalog()) {
        p.resources()
            .forEach(r -> out.putIfAbsent(r.id(), new CatalogResource(r.id().value(), r.id())));
      }
    }
    boolean derived = false;
    for (Policy p : policies) {
      if (p.hasResourceCatalog()) {
        continue;
      }
      derived = true;
      for (String pattern : resourcePatterns(p)) {
        ResourceId witness = ResourceId.of(Patterns.witness(pattern));
        out.putIfAbsent(witness, new CatalogResource(pattern, witness));
      }
    }
    if (derived) {
      ResourceId any = ResourceId.of(Patterns.witness("**"));
      out.putIfAbsent(any, new CatalogResource("**", any));
    }
    return List.copyOf(out.values());
  }

  /** Every resource pattern of {@code p}'s reported grants and of this catalog's chain scopes. */
  Set<String> resourcePatterns(Policy p) {
    Set<String> patterns = new LinkedHashSet<>();
    for (Principal x : p.principals()) {
      for (Grant g : p.grants(x.id())) {
        g.resources().forEach(r -> patterns.add(r.text()));
      }
    }
    for (DelegationChain c : chains) {
      for (Delegation d : c.hops()) {
        d.scope().resources().forEach(r -> patterns.add(r.text()));
      }
    }
    return patterns;
  }

  @Override
  public String toString() {
    return "Catalog[principals="
        + principals
        + ", tools="
        + tools
        + ", resources="
        + resources
        + ", chains="
        + chains
        + "]";
  }

  /** Collects a {@link Catalog}; {@link #build()} leaves the builder unchanged. Not thread-safe. */
  public static final class Builder {
    private final List<String> principals = new ArrayList<>();
    private final Map<ToolId, CatalogTool> tools = new LinkedHashMap<>();
    private final Map<ResourceId, CatalogResource> resources = new LinkedHashMap<>();
    private final List<DelegationChain> chains = new ArrayList<>();

    private Builder() {}

    /** Adds principals, probed acting for themselves. */
    public Builder principals(String... ids) {
      for (String id : ids) {
        principals.add(Objects.requireNonNull(id, "id"));
      }
      return this;
    }

    /**
     * Adds a tool id ({@code github/list_issues}) or a tool pattern ({@code github/list_*}, probed
     * through a witness), unannotated.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public Builder tool(String idOrPattern) {
      ToolPattern pattern = ToolPattern.parse(idOrPattern);
      ToolId id = ToolId.parse(Patterns.witness(pattern.text()));
      tools.putIfAbsent(id, new CatalogTool(pattern.text(), Tool.of(id)));
      return this;
    }

    /** Adds a tool with its annotations. */
    public Builder tool(Tool tool) {
      tools.put(tool.id(), new CatalogTool(tool.id().qualifiedName(), tool));
      return this;
    }

    /**
     * Adds a resource id or a resource pattern ({@code repo:acme/*}, probed through a witness). The
     * "none" resource is always probed: it need not be added.
     *
     * @throws IllegalArgumentException if the text is empty or not a valid pattern
     */
    public Builder resource(String idOrPattern) {
      ResourcePattern pattern = ResourcePattern.parse(idOrPattern);
      ResourceId id = ResourceId.of(Patterns.witness(pattern.text()));
      resources.putIfAbsent(id, new CatalogResource(pattern.text(), id));
      return this;
    }

    /** Adds a delegation chain to probe besides the principals. */
    public Builder chain(DelegationChain chain) {
      chains.add(Objects.requireNonNull(chain, "chain"));
      return this;
    }

    /** Builds the catalog. */
    public Catalog build() {
      List<CatalogResource> rs = new ArrayList<>();
      if (!resources.isEmpty()) {
        rs.add(CatalogResource.NONE);
        rs.addAll(resources.values());
      }
      return new Catalog(principals, List.copyOf(tools.values()), rs, chains);
    }
  }
}
