package io.toolgate.examples.mcp;

import com.google.common.collect.ImmutableMap;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.toolgate.DelegationChain;
import io.toolgate.mcp.CallerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the bearer token of each HTTP request to the caller's {@link DelegationChain}, so one
 * Streamable HTTP server serves many users, each through their own chain. Used both as the MCP
 * transport's context extractor (per request, the chain lands in the transport context under {@link
 * CallerIdentity#CHAIN_KEY}) and by {@link HttpMcpServer}'s filter, which answers 401 to a request
 * without a known token before MCP sees it. Immutable.
 *
 * <p>A demo of the mapping, not an identity provider: real deployments validate OAuth access tokens
 * (issuer, audience, expiry) and derive the user from their claims.
 */
public final class BearerTokens implements McpTransportContextExtractor<HttpServletRequest> {
  private final Map<String, DelegationChain> chains;

  private BearerTokens(Map<String, DelegationChain> chains) {
    this.chains = ImmutableMap.copyOf(chains);
  }

  /** Tokens and the chain each one stands for. */
  public static BearerTokens of(Map<String, DelegationChain> chains) {
    Objects.requireNonNull(chains, "chains");
    chains
        .keySet()
        .forEach(
            t -> {
              if (t.isBlank()) {
                throw new IllegalArgumentException("a blank bearer token");
              }
            });
    return new BearerTokens(chains);
  }

  /** The chain of a request's {@code Authorization: Bearer} token, or null if absent or unknown. */
  public DelegationChain chainOf(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return lookup(header.substring(7).trim());
  }

  /** Compares every token in constant time, so response timing does not leak a token's prefix. */
  private DelegationChain lookup(String token) {
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    DelegationChain found = null;
    for (Map.Entry<String, DelegationChain> e : chains.entrySet()) {
      if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return found;
  }

  @Override
  public McpTransportContext extract(HttpServletRequest request) {
    DelegationChain chain = chainOf(request);
    return chain == null
        ? McpTransportContext.EMPTY
        : McpTransportContext.create(Map.of(CallerIdentity.CHAIN_KEY, chain));
  }
}
