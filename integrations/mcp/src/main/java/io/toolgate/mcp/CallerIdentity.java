package io.toolgate.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import java.util.Objects;

/**
 * Who is calling an MCP server, for one request: the {@link DelegationChain} the call acts through,
 * and the scope the caller's credential grants. A stdio server serves one client, launched for one
 * user, so its identity is fixed by its launch configuration; a Streamable HTTP server serves many
 * users and reads each request's identity from its transport context, filled by {@link
 * io.toolgate.mcp.oauth.BearerTokenFilter} from the request's OAuth access token.
 */
@FunctionalInterface
public interface CallerIdentity {
  /** The key under which the caller's chain is stored in a transport context. */
  String CHAIN_KEY = "io.toolgate.chain";

  /** The key under which the credential's {@link DelegationScope} is stored, if it has one. */
  String SCOPE_KEY = "io.toolgate.scope";

  /**
   * The chain of the request with this transport context.
   *
   * @return the chain, or null if the caller is not known (the call is then refused)
   */
  DelegationChain chainOf(McpTransportContext context);

  /**
   * What the caller's credential grants the current actor on its own, whatever its chain: an OAuth
   * access token's {@code scope}. {@link McpGuard} refuses (and hides) a tool outside it before the
   * policy is asked. Unrestricted unless overridden.
   */
  default DelegationScope scopeOf(McpTransportContext context) {
    return DelegationScope.UNRESTRICTED;
  }

  /** Always the same chain: a stdio server launched for one user and agent. */
  static CallerIdentity fixed(DelegationChain chain) {
    Objects.requireNonNull(chain, "chain");
    return context -> chain;
  }

  /**
   * The chain and scope stored in the request's transport context under {@link #CHAIN_KEY} and
   * {@link #SCOPE_KEY} (by {@link io.toolgate.mcp.oauth.BearerTokenFilter#contextExtractor()}); no
   * chain means an unknown caller, no scope an unrestricted one.
   */
  static CallerIdentity fromTransportContext() {
    return new CallerIdentity() {
      @Override
      public DelegationChain chainOf(McpTransportContext context) {
        return context == null
            ? null
            : context.get(CHAIN_KEY) instanceof DelegationChain chain ? chain : null;
      }

      @Override
      public DelegationScope scopeOf(McpTransportContext context) {
        return context != null && context.get(SCOPE_KEY) instanceof DelegationScope scope
            ? scope
            : DelegationScope.UNRESTRICTED;
      }
    };
  }
}
