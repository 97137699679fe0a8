package io.toolgate.mcp.oauth;

import io.toolgate.document.StrictJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * This server's OAuth 2.0 protected resource metadata (RFC 9728), which an MCP client reads to find
 * the authorization server that issues tokens for it. Serve {@link #servlet()} at {@link
 * #wellKnownPath()} and name {@link #metadataUrl()} in {@link BearerTokenFilter}'s challenges.
 *
 * @param resource this server's resource identifier (the tokens' audience, RFC 8707)
 * @param authorizationServers issuer identifiers of the authorization servers that issue its tokens
 * @param scopesSupported the scope values (tool patterns) a client may request; may be empty
 */
public record ProtectedResourceMetadata(
    URI resource, List<String> authorizationServers, List<String> scopesSupported) {
  private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

  /**
   * Checks and copies the parts.
   *
   * @throws IllegalArgumentException if the resource is not an absolute URL without a fragment, or
   *     no authorization server is named
   */
  public ProtectedResourceMetadata {
    Objects.requireNonNull(resource, "resource");
    if (!resource.isAbsolute()
        || resource.getRawAuthority() == null
        || resource.getFragment() != null) {
      throw new IllegalArgumentException(
          "a resource identifier is an absolute URL without a fragment: " + resource);
    }
    authorizationServers = List.copyOf(authorizationServers);
    scopesSupported = List.copyOf(scopesSupported);
    if (authorizationServers.isEmpty()) {
      throw new IllegalArgumentException("name at least one authorization server");
    }
  }

  /**
   * The path the metadata is served at (RFC 9728 section 3.1): the well-known prefix, then the
   * resource's path, if any ({@code /.well-known/oauth-protected-resource/mcp} for {@code
   * https://example.com/mcp}).
   */
  public String wellKnownPath() {
    String path = resource.getRawPath() == null ? "" : resource.getRawPath();
    return path.isEmpty() || path.equals("/") ? WELL_KNOWN : WELL_KNOWN + path;
  }

  /** The metadata's URL: the resource's origin and {@link #wellKnownPath()}. */
  public URI metadataUrl() {
    return URI.create(resource.getScheme() + "://" + resource.getRawAuthority() + wellKnownPath());
  }

  /** The metadata document as JSON. */
  public String toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("resource", resource.toString());
    doc.put("authorization_servers", authorizationServers);
    doc.put("bearer_methods_supported", List.of("header"));
    if (!scopesSupported.isEmpty()) {
      doc.put("scopes_supported", scopesSupported);
    }
    return StrictJson.mapper().writeValueAsString(doc);
  }

  /** A servlet answering {@code GET} with {@link #toJson()}. */
  public HttpServlet servlet() {
    return new MetadataServlet(toJson());
  }

  /** Serves the metadata document. */
  private static final class MetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String json;

    MetadataServlet(String json) {
      this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "max-age=3600");
      response.getWriter().write(json);
    }
  }
}
