package io.toolgate.springai;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.ToolId;
import io.toolgate.guard.ResourceResolver;
import io.toolgate.guard.ToolGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * Puts a {@link ToolGuard} in front of Spring AI tools: {@link #wrap(ToolCallback)} and {@link
 * #wrap(ToolCallbackProvider)} return tools whose every call is decided before it runs.
 *
 * <pre>{@code
 * ToolCallbackGuard tools = ToolCallbackGuard.builder(
 *         ToolGuard.builder(engine).resource("local/read_file", "file:{path}").build())
 *     .server("local")
 *     .build();
 * ChatClient.create(chatModel).prompt(question)
 *     .toolCallbacks(tools.wrap(provider).forChain(chain))
 *     .toolContext(Map.of(ChainResolver.CHAIN_KEY, chain))
 *     .call();
 * }</pre>
 *
 * <p>A Spring AI tool named {@code n} is the Toolgate tool {@code server/n}. Its definition (name,
 * description, input schema) is what a policy pins. Immutable and thread-safe.
 */
public final class ToolCallbackGuard {
  /** The server part of tool ids unless {@link Builder#server} names another: {@value}. */
  public static final String DEFAULT_SERVER = "spring-ai";

  private static final ToolContext EMPTY = new ToolContext(Map.of());

  private final ToolGuard guard;
  private final String server;
  private final ChainResolver chains;
  private final DenialMode denialMode;

  private ToolCallbackGuard(Builder b) {
    this.guard = b.guard;
    this.server = b.server;
    this.chains = b.chains;
    this.denialMode = b.denialMode;
  }

  /** Starts a guard deciding with {@code guard} (its engine, pins and resource rules). */
  public static Builder builder(ToolGuard guard) {
    return new Builder(guard);
  }

  /**
   * Starts a guard deciding with {@code engine}, for tools that act on no particular resource: the
   * resource of every call is {@link io.toolgate.ResourceId#NONE}. Declare resource rules with
   * {@link #builder(ToolGuard)} instead when a policy names resources.
   */
  public static Builder builder(DecisionEngine engine) {
    return new Builder(ToolGuard.builder(engine).otherTools(ResourceResolver.NONE).build());
  }

  /** The guard that decides. */
  public ToolGuard toolGuard() {
    return guard;
  }

  /** The server part of the ids of the tools this guard wraps. */
  public String server() {
    return server;
  }

  /** What a refused call does. */
  public DenialMode denialMode() {
    return denialMode;
  }

  /** The Toolgate id of a Spring AI tool: {@code server/name}. */
  public ToolId toolId(ToolCallback tool) {
    return ToolId.of(server, tool.getToolDefinition().name());
  }

  /**
   * Wraps one tool; a tool this guard already wraps is returned as it is.
   *
   * @throws IllegalArgumentException if the tool's name is not a valid Toolgate tool name
   */
  public GuardedToolCallback wrap(ToolCallback tool) {
    Objects.requireNonNull(tool, "tool");
    if (tool instanceof GuardedToolCallback g && g.guardedBy() == this) {
      return g;
    }
    return new GuardedToolCallback(this, tool);
  }

  /** Wraps every tool a provider offers, now and later (the provider is asked at every listing). */
  public GuardedToolCallbackProvider wrap(ToolCallbackProvider provider) {
    Objects.requireNonNull(provider, "provider");
    if (provider instanceof GuardedToolCallbackProvider g && g.guardedBy() == this) {
      return g;
    }
    return new GuardedToolCallbackProvider(this, provider);
  }

  /**
   * The tools of {@code tools} that {@code chain} could call on some resource, in order, each
   * wrapped: what to offer the model. Visibility is not permission; every call is still decided in
   * full. A tool whose definition cannot be read, or is pinned to another one, is left out.
   */
  public List<ToolCallback> visibleTo(DelegationChain chain, List<? extends ToolCallback> tools) {
    Objects.requireNonNull(chain, "chain");
    List<ToolCallback> out = new ArrayList<>();
    for (ToolCallback tool : tools) {
      GuardedToolCallback g = wrap(tool);
      if (g.isVisibleTo(chain)) {
        out.add(g);
      }
    }
    return List.copyOf(out);
  }

  /** The chain of a call or listing; null when unknown (the resolver returned null or threw). */
  DelegationChain chainOf(ToolContext context) {
    try {
      return chains.resolve(context == null ? EMPTY : context);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Configures a {@link ToolCallbackGuard}; each setting may be given once. */
  public static final class Builder {
    private final ToolGuard guard;
    private String server = DEFAULT_SERVER;
    private boolean serverSet;
    private ChainResolver chains = ChainResolver.fromToolContext();
    private boolean chainsSet;
    private DenialMode denialMode = DenialMode.RESULT;
    private boolean denialModeSet;

    private Builder(ToolGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * The server part of the wrapped tools' ids ({@link #DEFAULT_SERVER} by default).
     *
     * @throws IllegalArgumentException if it is not a valid tool server name
     * @throws IllegalStateException if already set
     */
    public Builder server(String value) {
      if (serverSet) {
        throw new IllegalStateException("server was already set");
      }
      ToolId.of(value, "probe"); // validates the server part
      this.server = value;
      this.serverSet = true;
      return this;
    }

    /**
     * How the caller of a call is found ({@link ChainResolver#fromToolContext()} by default).
     *
     * @throws IllegalStateException if already set
     */
    public Builder chains(ChainResolver value) {
      if (chainsSet) {
        throw new IllegalStateException("chains was already set");
      }
      this.chains = Objects.requireNonNull(value, "chains");
      this.chainsSet = true;
      return this;
    }

    /**
     * What a refused call does ({@link DenialMode#RESULT} by default).
     *
     * @throws IllegalStateException if already set
     */
    public Builder onDenial(DenialMode value) {
      if (denialModeSet) {
        throw new IllegalStateException("onDenial was already set");
      }
      this.denialMode = Objects.requireNonNull(value, "denialMode");
      this.denialModeSet = true;
      return this;
    }

    /** Builds the guard; the builder is left unchanged. */
    public ToolCallbackGuard build() {
      return new ToolCallbackGuard(this);
    }
  }
}
