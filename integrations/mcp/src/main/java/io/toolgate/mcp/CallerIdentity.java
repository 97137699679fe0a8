package io.toolgate.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.toolgate.DelegationChain;
import java.util.Objects;

/**
 * Who is calling an MCP server, for one request: the {@link DelegationChain} the call acts through.
 * A stdio server serves one client, launched for one user, so its identity is fixed by its launch
 * configuration; a Streamable HTTP server serves many users and reads each request's identity from
 * its transport context, filled by {@link BearerTokens}.
 */
@FunctionalInterface
public interface CallerIdentity {
  /** The key under which {@link BearerTokens} stores the caller's chain in a transport context. */
  String CHAIN_KEY = "io.toolgate.chain";

  /**
   * The chain of the request with this transport context.
   *
   * @return the chain, or null if the caller is not known (the call is then refused)
   */
  DelegationChain chainOf(McpTransportContext context);

  /** Always the same chain: a stdio server launched for one user and agent. */
  static CallerIdentity fixed(DelegationChain chain) {
    Objects.requireNonNull(chain, "chain");
    return context -> chain;
  }

  /** The chain that {@link BearerTokens} stored in the request's context, or null if none. */
  static CallerIdentity fromTransportContext() {
    return context ->
        context == null
            ? null
            : context.get(CHAIN_KEY) instanceof DelegationChain chain ? chain : null;
  }
}
