package io.toolgate.springai;

import io.toolgate.DelegationChain;
import org.springframework.ai.chat.model.ToolContext;

/**
 * Names the caller of a Spring AI tool call: the {@link DelegationChain} a call is decided for.
 *
 * <p>The default, {@link #fromToolContext()}, reads the chain the application put into the
 * request's {@link ToolContext} under {@link #CHAIN_KEY}:
 *
 * <pre>{@code
 * chatClient.prompt(question)
 *     .toolCallbacks(tools.forChain(chain))
 *     .toolContext(Map.of(ChainResolver.CHAIN_KEY, chain))
 *     .call();
 * }</pre>
 *
 * An application with a security context supplies its own, for example the authenticated principal
 * of Spring Security acting through the agent:
 *
 * <pre>{@code
 * ChainResolver chains = context -> DelegationChain.onBehalfOf(
 *     SecurityContextHolder.getContext().getAuthentication().getName(), "support-agent");
 * }</pre>
 *
 * Implementations must be thread-safe. Returning null or throwing refuses the call (and, when the
 * tools are listed, hides every tool): an unknown caller is never allowed anything.
 */
@FunctionalInterface
public interface ChainResolver {
  /**
   * The {@link ToolContext} key under which {@link #fromToolContext()} finds the caller's {@link
   * DelegationChain}: {@value}. The value must be a {@code DelegationChain}; anything else is an
   * unknown caller. The tool context is set by the application, never by the model.
   */
  String CHAIN_KEY = "toolgate.chain";

  /**
   * The chain of the call made with {@code context}.
   *
   * @param context the call's tool context; empty (never null) when the request carried none, or
   *     when the tools offered to the model are being listed
   * @return the caller, or null if not known
   */
  DelegationChain resolve(ToolContext context);

  /** Reads the chain the application put under {@link #CHAIN_KEY}; null if absent. */
  static ChainResolver fromToolContext() {
    return context ->
        context.getContext().get(CHAIN_KEY) instanceof DelegationChain chain ? chain : null;
  }
}
