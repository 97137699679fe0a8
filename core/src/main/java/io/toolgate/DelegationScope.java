package io.toolgate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a delegator passes on at one hop of a {@link DelegationChain}: the tools and resources the
 * delegate may use on its behalf, until when, and how many further hops it may delegate. A scope
 * only ever narrows: the delegate still needs its own grants, and so does every principal before
 * it. Immutable; equal when every part is equal.
 */
public final class DelegationScope {
  /** No narrowing: every tool, every resource, no expiry, any number of further hops. */
  public static final DelegationScope UNRESTRICTED = builder().build();

  private final List<ToolPattern> tools;
  private final List<ResourcePattern> resources;
  private final Instant expiry;
  private final int maxFurtherHops;
  private final int hash;

  private DelegationScope(Builder b) {
    this.tools = List.copyOf(b.tools);
    this.resources = List.copyOf(b.resources);
    this.expiry = b.expiry;
    this.maxFurtherHops = b.maxFurtherHops;
    this.hash = Objects.hash(tools, resources, expiry, maxFurtherHops);
  }

  /** Returns a builder for an unrestricted scope to narrow. */
  public static Builder builder() {
    return new Builder();
  }

  /** A scope limited to the given tool patterns, on every resource. */
  public static DelegationScope tools(String... toolPatterns) {
    return builder().tools(toolPatterns).build();
  }

  /** The tool patterns passed on; empty means every tool. */
  public List<ToolPattern> tools() {
    return tools;
  }

  /** The resource patterns passed on; empty means every resource. */
  public List<ResourcePattern> resources() {
    return resources;
  }

  /** The instant from which this hop no longer holds, if any. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiry);
  }

  /** How many more hops the delegate may add after itself, if limited. */
  public OptionalInt maxFurtherHops() {
    return maxFurtherHops < 0 ? OptionalInt.empty() : OptionalInt.of(maxFurtherHops);
  }

  /** Whether the scope passes on {@code tool} on {@code resource} (ignores time and depth). */
  public boolean covers(ToolId tool, ResourceId resource) {
    return (tools.isEmpty() || anyTool(tool)) && (resources.isEmpty() || anyResource(resource));
  }

  private boolean anyTool(ToolId tool) {
    for (ToolPattern p : tools) {
      if (p.matches(tool)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyResource(ResourceId resource) {
    for (ResourcePattern p : resources) {
      if (p.matches(resource)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this scope narrows nothing. */
  public boolean isUnrestricted() {
    return tools.isEmpty() && resources.isEmpty() && expiry == null && maxFurtherHops < 0;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof DelegationScope s
            && hash == s.hash
            && tools.equals(s.tools)
            && resources.equals(s.resources)
            && Objects.equals(expiry, s.expiry)
            && maxFurtherHops == s.maxFurtherHops);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    if (isUnrestricted()) {
      return "unrestricted";
    }
    StringBuilder s = new StringBuilder("scope{");
    if (!tools.isEmpty()) {
      s.append("tools=").append(tools).append(' ');
    }
    if (!resources.isEmpty()) {
      s.append("resources=").append(resources).append(' ');
    }
    if (expiry != null) {
      s.append("expires=").append(expiry).append(' ');
    }
    if (maxFurtherHops >= 0) {
      s.append("maxFurtherHops=").append(maxFurtherHops).append(' ');
    }
    s.setLength(s.length() - 1);
    return s.append('}').toString();
  }

  /** Builds a {@link DelegationScope}; {@link #build()} leaves the builder unchanged. */
  public static final class Builder {
    private final java.util.ArrayList<ToolPattern> tools = new java.util.ArrayList<>();
    private final java.util.ArrayList<ResourcePattern> resources = new java.util.ArrayList<>();
    private Instant expiry;
    private int maxFurtherHops = -1;

    private Builder() {}

    /** Limits the scope to these tool patterns (added to any given before). */
    public Builder tools(String... patterns) {
      Arrays.stream(patterns).map(ToolPattern::parse).forEach(tools::add);
      return this;
    }

    /** Limits the scope to these resource patterns (added to any given before). */
    public Builder resources(String... patterns) {
      if (patterns.length == 0) {
        throw new IllegalArgumentException(
            "scope resources: an empty list would read as 'no resource', "
                + "yet it would pass on every resource: leave resources out for no narrowing");
      }
      Arrays.stream(patterns).map(ResourcePattern::parse).forEach(resources::add);
      return this;
    }

    /** Ends the hop at {@code instant}: from then on it is denied with DELEGATION_EXPIRED. */
    public Builder expires(Instant instant) {
      this.expiry = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /**
     * Limits how many more hops the delegate may add after itself (0: it may not delegate).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxFurtherHops(int hops) {
      if (hops < 0) {
        throw new IllegalArgumentException("maxFurtherHops must be >= 0, was " + hops);
      }
      this.maxFurtherHops = hops;
      return this;
    }

    /** Builds the scope. */
    public DelegationScope build() {
      return new DelegationScope(this);
    }
  }
}
