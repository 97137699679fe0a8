package io.toolgate.mcp.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.guard.ToolGuard;
import io.toolgate.mcp.CallerIdentity;
import io.toolgate.mcp.JsonRpcBodyFilter;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpJson;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small MCP server for the tests: tools {@code notes/read} and {@code notes/delete} guarded by
 * Toolgate, behind {@link BearerTokenFilter}, in Jetty on {@code 127.0.0.1} and a free port. It
 * also serves its protected resource metadata and, at {@code /jwks}, a JWK set the test can replace
 * (the issuer's {@code jwks_uri}). Counts how often each tool's body ran.
 */
final class OAuthTestServer implements AutoCloseable {
  static final Policy POLICY =
      Policy.builder()
          .principal(Principal.user("alice").build())
          .principal(Principal.user("bob").build())
          .principal(Principal.agent("assistant").build())
          .principal(Principal.agent("summarizer").build())
          .allow("alice", "notes/*")
          .allow("summarizer", "notes/read")
          .allow("bob", "notes/read")
          .allow("assistant", "notes/*")
          .build();

  static final Map<String, Object> NO_ARGS = Map.of("type", "object");

  /** The audit log's lines (the real {@code AuditLogListener}'s JSON), one per decision. */
  final List<String> auditLines = new CopyOnWriteArrayList<>();

  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicReference<JWKSet> published;
  final URI resource;
  final ProtectedResourceMetadata metadata;
  private final Server jetty;
  private final McpSyncServer mcp;

  /**
   * Starts a server publishing {@code jwks} at {@code /jwks}; its verifier (issuer {@link
   * TestIssuer#ISSUER}, audience this server's URL, the fixed clock) reads its keys from that URL
   * if {@code fromUrl}, else takes {@code jwks} as given.
   */
  OAuthTestServer(JWKSet jwks, boolean fromUrl) throws Exception {
    published = new AtomicReference<>(jwks);
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    connector.open(); // bound now: the resource identifier names the port
    resource = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
    metadata =
        new ProtectedResourceMetadata(resource, List.of(TestIssuer.ISSUER), List.of("notes/*"));
    AccessTokenConfig.Builder config =
        AccessTokenConfig.builder(TestIssuer.ISSUER, resource.toString()).clock(TestIssuer.CLOCK);
    if (fromUrl) {
      config.allowHttpOnLoopback().jwkSetUri(URI.create(baseUri() + "/jwks"));
    } else {
      config.jwkSet(jwks);
    }
    AccessTokenVerifier verifier = AccessTokenVerifier.create(config.build());

    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJson.mapper())
            .mcpEndpoint("/mcp")
            .contextExtractor(BearerTokenFilter.contextExtractor())
            .build();
    ToolGuard guard =
        ToolGuard.builder(
                DecisionEngine.builder(POLICY)
                    .listener(event -> auditLines.add(new AuditLogListener().toJson(event)))
                    .build())
            .noResource("notes/read", "notes/delete")
            .build();
    McpGuard mcpGuard =
        McpGuard.builder(guard, "notes").identity(CallerIdentity.fromTransportContext()).build();
    mcp =
        McpServer.sync(transport)
            .serverInfo("notes", "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                mcpGuard.guard(
                    McpSchema.Tool.builder("read", NO_ARGS).description("Reads.").build(),
                    call -> text("read " + reads.incrementAndGet())),
                mcpGuard.guard(
                    McpSchema.Tool.builder("delete", NO_ARGS).description("Deletes.").build(),
                    call -> text("deleted " + deletes.incrementAndGet())))
            .addToolFilter(mcpGuard.listFilter())
            .build();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(BearerTokenFilter.of(verifier, metadata.metadataUrl())),
        "/mcp",
        EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(
        new FilterHolder(new JsonRpcBodyFilter()), "/mcp", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/mcp");
    context.addServlet(new ServletHolder(metadata.servlet()), metadata.wellKnownPath());
    context.addServlet(new ServletHolder(new JwksServlet(published)), "/jwks");
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** The base URL ({@code http://127.0.0.1:port}). */
  String baseUri() {
    return resource.getScheme() + "://" + resource.getRawAuthority();
  }

  URI jwksUri() {
    return URI.create(baseUri() + "/jwks");
  }

  static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).isError(false).build();
  }

  @Override
  public void close() {
    try {
      mcp.closeGracefully();
    } finally {
      try {
        jetty.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not stop", e);
      }
    }
  }

  /** Publishes the current JWK set (public keys only). */
  private static final class JwksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AtomicReference<JWKSet> keys;

    JwksServlet(AtomicReference<JWKSet> keys) {
      this.keys = keys;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/json");
      response.getWriter().write(keys.get().toPublicJWKSet().toString());
    }
  }
}
