package io.toolgate.mcp.oauth;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.document.StrictJson;
import io.toolgate.mcp.CallerIdentity;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.1 resource-server side of an MCP Streamable HTTP endpoint (the MCP authorization
 * specification): a servlet filter that lets a request through only with a valid bearer access
 * token in its {@code Authorization} header, and records the token's chain for the MCP transport.
 * Install it in front of the SDK's servlet, on the MCP endpoint, and give the transport {@link
 * #contextExtractor()}. Thread-safe.
 *
 * <ul>
 *   <li>No {@code Authorization: Bearer} header (or another scheme): HTTP 401 with {@code
 *       WWW-Authenticate: Bearer resource_metadata="URL"} (RFC 9728), so the client can discover
 *       the authorization server.
 *   <li>A token refused by the {@link AccessTokenVerifier}: HTTP 401 with {@code WWW-Authenticate:
 *       Bearer error="invalid_token", error_description="...", resource_metadata="URL"} (RFC 6750),
 *       and a JSON body with the same {@code error} and {@code error_description}.
 *   <li>Two {@code Authorization} headers: HTTP 400 {@code invalid_request}. A token in the query
 *       string is never read (OAuth 2.1).
 *   <li>The issuer's keys unavailable: HTTP 503; the token may be fine.
 *   <li>A valid token: the request goes on with the chain in request attribute {@link
 *       CallerIdentity#CHAIN_KEY} and, for a token without actors and with a scope, that scope in
 *       {@link CallerIdentity#SCOPE_KEY}. With actors, the scope is already the last hop's scope in
 *       the chain, so the policy (and the audit log) sees it.
 * </ul>
 *
 * <p>In every refused case no MCP message is read and no tool runs. A valid token proves only who
 * calls: whether the chain may call a tool is decided per call by {@link io.toolgate.mcp.McpGuard}.
 */
public final class BearerTokenFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);

  private final AccessTokenVerifier verifier;
  private final String resourceMetadata;

  private BearerTokenFilter(AccessTokenVerifier verifier, URI resourceMetadata) {
    this.verifier = verifier;
    this.resourceMetadata = resourceMetadata.toString();
  }

  /**
   * A filter checking tokens with {@code verifier}, whose challenges name {@code resourceMetadata},
   * the URL of this server's protected resource metadata ({@link
   * ProtectedResourceMetadata#metadataUrl}).
   *
   * @throws IllegalArgumentException if the URL is not absolute or holds a {@code "} or {@code \}
   */
  public static BearerTokenFilter of(AccessTokenVerifier verifier, URI resourceMetadata) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(resourceMetadata, "resourceMetadata");
    String s = resourceMetadata.toString();
    if (!resourceMetadata.isAbsolute() || s.contains("\"") || s.contains("\\")) {
      throw new IllegalArgumentException("not a usable metadata URL: " + s);
    }
    return new BearerTokenFilter(verifier, resourceMetadata);
  }

  /**
   * The MCP transport's context extractor: puts the chain (and scope) this filter recorded on the
   * request into the transport context, where {@link CallerIdentity#fromTransportContext()} finds
   * them. A request that did not pass this filter gets an empty context: an unknown caller.
   */
  public static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
    return request -> {
      Map<String, Object> values = new HashMap<>();
      if (request.getAttribute(CallerIdentity.CHAIN_KEY) instanceof DelegationChain chain) {
        values.put(CallerIdentity.CHAIN_KEY, chain);
      }
      if (request.getAttribute(CallerIdentity.SCOPE_KEY) instanceof DelegationScope scope) {
        values.put(CallerIdentity.SCOPE_KEY, scope);
      }
      return values.isEmpty() ? McpTransportContext.EMPTY : McpTransportContext.create(values);
    };
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse out = (HttpServletResponse) response;
    // Whatever reached this request before, only this filter says who calls.
    http.removeAttribute(CallerIdentity.CHAIN_KEY);
    http.removeAttribute(CallerIdentity.SCOPE_KEY);
    List<String> headers = Collections.list(http.getHeaders("Authorization"));
    if (headers.size() > 1) {
      refuse(out, 400, "invalid_request", "more than one Authorization header");
      return;
    }
    String header = headers.isEmpty() ? null : headers.get(0);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      out.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      out.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + resourceMetadata + "\"");
      return;
    }
    String token = header.substring(7).strip();
    TokenOutcome outcome =
        token.isEmpty()
            ? new TokenOutcome.Refused(TokenProblem.MALFORMED, "the bearer token is empty")
            : verifier.verify(token);
    if (outcome instanceof TokenOutcome.Verified v) {
      http.setAttribute(CallerIdentity.CHAIN_KEY, v.chain());
      if (v.chain().isDirect() && !v.scope().isUnrestricted()) {
        http.setAttribute(CallerIdentity.SCOPE_KEY, v.scope());
      }
      chain.doFilter(request, response);
      return;
    }
    TokenOutcome.Refused r = (TokenOutcome.Refused) outcome;
    if (r.problem() == TokenProblem.KEYS_UNAVAILABLE) {
      refuse(out, 503, "temporarily_unavailable", r.description());
      return;
    }
    LOG.debug("bearer token refused: {} ({})", r.problem(), r.description());
    refuse(out, 401, "invalid_token", r.description());
  }

  private void refuse(HttpServletResponse out, int status, String error, String description)
      throws IOException {
    out.setStatus(status);
    if (status == 401) {
      out.setHeader(
          "WWW-Authenticate",
          "Bearer error=\""
              + error
              + "\", error_description=\""
              + description
              + "\", resource_metadata=\""
              + resourceMetadata
              + "\"");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    out.setContentType("application/json");
    out.setCharacterEncoding("UTF-8");
    out.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    out.getWriter().flush();
  }
}
