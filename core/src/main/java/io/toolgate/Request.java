package io.toolgate;

import io.toolgate.internal.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * One tool call to decide: who calls (a {@link DelegationChain}), which tool, on which resource,
 * and the dynamic inputs that conditions may read: the call's arguments and per-request environment
 * values. Immutable; arguments and environment are deep-copied.
 *
 * <p>The environment passed here overrides the engine's defaults ({@code now}, {@code hour}, {@code
 * weekday}, derived from its clock) key by key.
 */
public final class Request {
  private final DelegationChain chain;
  private final ToolId tool;
  private final ResourceId resource;
  private final Map<String, Object> arguments;
  private final Map<String, Object> environment;
  private final Session session;

  private Request(Builder b) {
    this(b.chain, b.tool, b.resource, b.arguments, b.environment, b.session);
  }

  /** From parts already validated and frozen (a {@link ToolCall}'s): nothing is copied again. */
  Request(
      DelegationChain chain,
      ToolId tool,
      ResourceId resource,
      Map<String, Object> arguments,
      Map<String, Object> environment,
      Session session) {
    this.chain = chain;
    this.tool = tool;
    this.resource = resource;
    this.arguments = arguments;
    this.environment = environment;
    this.session = session;
  }

  /** A request with no arguments and no environment values. */
  public static Request of(DelegationChain chain, ToolId tool, ResourceId resource) {
    return builder(chain, tool).resource(resource).build();
  }

  /** A direct request (no delegation) with no arguments and no environment values. */
  public static Request of(String principalId, ToolId tool, ResourceId resource) {
    return of(DelegationChain.of(principalId), tool, resource);
  }

  /** Starts a request; the resource defaults to {@link ResourceId#NONE}. */
  public static Builder builder(DelegationChain chain, ToolId tool) {
    return new Builder(chain, tool);
  }

  /** Who calls: the chain, origin first, caller last. */
  public DelegationChain chain() {
    return chain;
  }

  /** The tool called. */
  public ToolId tool() {
    return tool;
  }

  /** The resource acted on, or {@link ResourceId#NONE}. */
  public ResourceId resource() {
    return resource;
  }

  /** The call's arguments (JSON-like values). */
  public Map<String, Object> arguments() {
    return arguments;
  }

  /** Per-request environment values (client address, deployment, ...). */
  public Map<String, Object> environment() {
    return environment;
  }

  /** The tenant and active roles of the request ({@link Session#DEFAULT} unless set). */
  public Session session() {
    return session;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Request r
        && chain.equals(r.chain)
        && tool.equals(r.tool)
        && resource.equals(r.resource)
        && arguments.equals(r.arguments)
        && environment.equals(r.environment)
        && session.equals(r.session);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chain, tool, resource, arguments, environment, session);
  }

  @Override
  public String toString() {
    String s = chain + " calls " + tool + " on " + resource;
    if (!arguments.isEmpty()) {
      s += " args=" + arguments;
    }
    if (!environment.isEmpty()) {
      s += " env=" + environment;
    }
    if (!session.equals(Session.DEFAULT)) {
      s += " " + session;
    }
    return s;
  }

  /** Builds a {@link Request}. */
  public static final class Builder {
    private final DelegationChain chain;
    private final ToolId tool;
    private ResourceId resource = ResourceId.NONE;
    private Map<String, Object> arguments = Map.of();
    private Map<String, Object> environment = Map.of();
    private Session session = Session.DEFAULT;

    private Builder(DelegationChain chain, ToolId tool) {
      this.chain = Objects.requireNonNull(chain, "chain");
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** Sets the resource (default {@link ResourceId#NONE}). */
    public Builder resource(ResourceId value) {
      this.resource = Objects.requireNonNull(value, "resource");
      return this;
    }

    /** Sets the call's arguments, deep-copied. */
    public Builder arguments(Map<String, ?> values) {
      this.arguments = JsonValues.freezeMap(values, "arguments");
      return this;
    }

    /** Sets per-request environment values, deep-copied; they win over the engine's defaults. */
    public Builder environment(Map<String, ?> values) {
      this.environment = JsonValues.freezeMap(values, "environment");
      return this;
    }

    /** Sets the tenant and active roles (default {@link Session#DEFAULT}). */
    public Builder session(Session value) {
      this.session = Objects.requireNonNull(value, "session");
      return this;
    }

    /** Builds the request. */
    public Request build() {
      return new Request(this);
    }
  }
}
