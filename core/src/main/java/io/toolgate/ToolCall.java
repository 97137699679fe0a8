package io.toolgate;

import io.toolgate.internal.JsonValues;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool call as an integration sees it, before its resource is known: who calls (a {@link
 * DelegationChain}), which tool, with which arguments, and optionally the tool's current definition
 * digest, an explicit resource, environment values and a {@link Session}. Immutable; arguments and
 * environment are deep-copied once, here.
 *
 * <p>How it differs from {@link Request}: a request is what the engine decides, with its resource
 * settled; a tool call is what a guard receives, whose resource may still have to be derived from
 * its arguments and whose tool definition may have to be checked against a pin. A guard turns it
 * into a request with {@link #toRequest}, which shares the frozen arguments instead of copying them
 * again.
 */
public final class ToolCall {
  private final DelegationChain chain;
  private final ToolId tool;
  private final Map<String, Object> arguments;
  private final ResourceId resource;
  private final String definitionDigest;
  private final Map<String, Object> environment;
  private final Session session;

  private ToolCall(Builder b) {
    this.chain = b.chain;
    this.tool = b.tool;
    this.arguments = b.arguments;
    this.resource = b.resource;
    this.definitionDigest = b.definitionDigest;
    this.environment = b.environment;
    this.session = b.session;
  }

  /**
   * A call with arguments and nothing else.
   *
   * @throws IllegalArgumentException if an argument is not a JSON-like value
   * @throws NullPointerException if an argument value is null
   */
  public static ToolCall of(DelegationChain chain, ToolId tool, Map<String, ?> arguments) {
    return builder(chain, tool).arguments(arguments).build();
  }

  /** Starts a call with no arguments. */
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

  /** The call's arguments (JSON-like values, immutable). */
  public Map<String, Object> arguments() {
    return arguments;
  }

  /** The resource the caller named itself, if any; otherwise the guard derives it. */
  public Optional<ResourceId> resource() {
    return Optional.ofNullable(resource);
  }

  /** The digest of the tool's definition as the caller sees it now, if known. */
  public Optional<String> definitionDigest() {
    return Optional.ofNullable(definitionDigest);
  }

  /** Per-request environment values. */
  public Map<String, Object> environment() {
    return environment;
  }

  /** The tenant and active roles ({@link Session#DEFAULT} unless set). */
  public Session session() {
    return session;
  }

  /** The request the engine decides for this call once its resource is {@code resource}. */
  public Request toRequest(ResourceId resource) {
    return new Request(
        chain, tool, Objects.requireNonNull(resource, "resource"), arguments, environment, session);
  }

  @Override
  public String toString() {
    return chain
        + " calls "
        + tool
        + (resource == null ? "" : " on " + resource)
        + (arguments.isEmpty() ? "" : " args=" + arguments);
  }

  /** Builds a {@link ToolCall}; each setting may be given once. */
  public static final class Builder {
    private final DelegationChain chain;
    private final ToolId tool;
    private Map<String, Object> arguments;
    private ResourceId resource;
    private String definitionDigest;
    private Map<String, Object> environment;
    private Session session;

    private Builder(DelegationChain chain, ToolId tool) {
      this.chain = Objects.requireNonNull(chain, "chain");
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    /**
     * Sets the arguments, deep-copied.
     *
     * @throws IllegalArgumentException if a value is not JSON-like
     * @throws NullPointerException if a value is null
     */
    public Builder arguments(Map<String, ?> values) {
      once(arguments, "arguments");
      this.arguments = JsonValues.freezeMap(values, "arguments");
      return this;
    }

    /** Names the resource explicitly; the guard then does not derive it from the arguments. */
    public Builder resource(ResourceId value) {
      once(resource, "resource");
      this.resource = Objects.requireNonNull(value, "resource");
      return this;
    }

    /** The digest of the tool's current definition ({@link ToolDefinition#digest()}). */
    public Builder definitionDigest(String digest) {
      once(definitionDigest, "definitionDigest");
      this.definitionDigest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    /**
     * The tool's current definition; shorthand for {@code definitionDigest(definition.digest())}.
     */
    public Builder definition(ToolDefinition definition) {
      return definitionDigest(definition.digest());
    }

    /** Sets per-request environment values, deep-copied. */
    public Builder environment(Map<String, ?> values) {
      once(environment, "environment");
      this.environment = JsonValues.freezeMap(values, "environment");
      return this;
    }

    /** Sets the tenant and active roles. */
    public Builder session(Session value) {
      once(session, "session");
      this.session = Objects.requireNonNull(value, "session");
      return this;
    }

    private static void once(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
    }

    /** Builds the call; the builder is left unchanged. */
    public ToolCall build() {
      Builder b = new Builder(chain, tool);
      b.arguments = arguments == null ? Map.of() : arguments;
      b.resource = resource;
      b.definitionDigest = definitionDigest;
      b.environment = environment == null ? Map.of() : environment;
      b.session = session == null ? Session.DEFAULT : session;
      return new ToolCall(b);
    }
  }
}
