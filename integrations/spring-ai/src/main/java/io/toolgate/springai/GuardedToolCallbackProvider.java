package io.toolgate.springai;

import io.toolgate.DelegationChain;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * A {@link ToolCallbackProvider} whose tools are guarded, and which offers each caller only the
 * tools it could call (as an MCP server filters {@code tools/list}). Made by {@link
 * ToolCallbackGuard#wrap(ToolCallbackProvider)}; wraps any provider, including the MCP tool
 * callback providers of Spring AI's MCP client. The wrapped provider is asked again at every
 * listing, so tools it adds later are guarded too. Thread-safe if the wrapped provider is.
 */
public final class GuardedToolCallbackProvider implements ToolCallbackProvider {
  private final ToolCallbackGuard guard;
  private final ToolCallbackProvider delegate;

  GuardedToolCallbackProvider(ToolCallbackGuard guard, ToolCallbackProvider delegate) {
    this.guard = guard;
    this.delegate = delegate;
  }

  ToolCallbackGuard guardedBy() {
    return guard;
  }

  /** The wrapped provider. */
  public ToolCallbackProvider delegate() {
    return delegate;
  }

  /**
   * The tools visible to the caller the guard's {@link ChainResolver} names when given an empty
   * tool context (a resolver reading Spring Security's context names the authenticated user, say),
   * each guarded; none when it names nobody. With the default resolver, which reads the tool
   * context, this is empty: offer {@link #forChain(DelegationChain)} instead.
   */
  @Override
  public ToolCallback[] getToolCallbacks() {
    DelegationChain chain = guard.chainOf(null);
    if (chain == null) {
      return new ToolCallback[0];
    }
    return visible(chain).toArray(ToolCallback[]::new);
  }

  /**
   * A provider of the tools visible to {@code chain}, each guarded, asked anew at every listing.
   */
  public ToolCallbackProvider forChain(DelegationChain chain) {
    Objects.requireNonNull(chain, "chain");
    return () -> visible(chain).toArray(ToolCallback[]::new);
  }

  /** Every tool of the wrapped provider, guarded, whether visible or not. */
  public List<GuardedToolCallback> all() {
    return List.of(delegate.getToolCallbacks()).stream().map(guard::wrap).toList();
  }

  private List<ToolCallback> visible(DelegationChain chain) {
    return guard.visibleTo(chain, List.of(delegate.getToolCallbacks()));
  }

  @Override
  public String toString() {
    return "GuardedToolCallbackProvider[" + delegate + "]";
  }
}
