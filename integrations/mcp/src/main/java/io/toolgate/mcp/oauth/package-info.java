/**
 * OAuth 2.1 caller identity for MCP Streamable HTTP servers (the MCP authorization specification).
 *
 * <ul>
 *   <li>{@link io.toolgate.mcp.oauth.AccessTokenConfig}: issuer, audience (resource identifier),
 *       JWK set (file, HTTPS URL or in code), algorithms, clock skew, depth bound, claim names.
 *   <li>{@link io.toolgate.mcp.oauth.AccessTokenVerifier}: a bearer JWT to a {@link
 *       io.toolgate.DelegationChain} ({@code sub}, then the RFC 8693 {@code act} actors) or a typed
 *       refusal ({@link io.toolgate.mcp.oauth.TokenOutcome}, {@link
 *       io.toolgate.mcp.oauth.TokenProblem}).
 *   <li>{@link io.toolgate.mcp.oauth.BearerTokenFilter}: the servlet filter (401 with {@code
 *       WWW-Authenticate}) and the transport's context extractor.
 *   <li>{@link io.toolgate.mcp.oauth.ProtectedResourceMetadata}: the RFC 9728 document and its
 *       servlet.
 * </ul>
 */
package io.toolgate.mcp.oauth;
