package io.toolgate.examples.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.toolgate.DecisionEngine;
import io.toolgate.mcp.CallerIdentity;
import io.toolgate.mcp.JsonRpcBodyFilter;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpJson;
import io.toolgate.mcp.oauth.AccessTokenConfig;
import io.toolgate.mcp.oauth.AccessTokenVerifier;
import io.toolgate.mcp.oauth.BearerTokenFilter;
import io.toolgate.mcp.oauth.ProtectedResourceMetadata;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The {@link WorkspaceServer} over MCP Streamable HTTP: the SDK's servlet transport in an embedded
 * Jetty, bound to the loopback interface, as an OAuth 2.1 resource server. One server serves many
 * users: each request's bearer access token is verified ({@link AccessTokenVerifier}) and mapped to
 * the caller's delegation chain ({@link BearerTokenFilter}); a request without a valid token is
 * answered 401 with a {@code WWW-Authenticate} challenge naming the protected resource metadata
 * (served at its RFC 9728 well-known path) before MCP sees it. The Host and Origin headers must
 * name the loopback interface (against DNS rebinding). Each message is read strictly before the SDK
 * sees it: malformed JSON, a repeated key or unusable params get a JSON-RPC error ({@code -32700},
 * {@code -32600}, {@code -32602}) and never a Java stack trace ({@link McpJson}).
 */
public final class HttpMcpServer implements AutoCloseable {
  /** The path of the MCP endpoint. */
  public static final String ENDPOINT = "/mcp";

  private final Server jetty;
  private final McpSyncServer mcp;
  private final int port;

  private HttpMcpServer(Server jetty, McpSyncServer mcp, int port) {
    this.jetty = jetty;
    this.mcp = mcp;
    this.port = port;
  }

  /**
   * Starts a server on {@code 127.0.0.1:port} (0: a free port chosen now) and returns once it
   * accepts connections. {@code tokens} gives the access token configuration once the port is
   * bound; its argument is the server's own URL, {@code http://127.0.0.1:PORT/mcp}, the natural
   * audience (resource identifier) when no proxy stands in front.
   *
   * @throws Exception if Jetty cannot start (the port is taken, say) or the JWK set cannot be read
   */
  public static HttpMcpServer start(
      WorkspaceServer workspace,
      DecisionEngine engine,
      Function<URI, AccessTokenConfig> tokens,
      int port)
      throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    connector.open(); // bound now, so the resource identifier can name the port
    try {
      return start(workspace, engine, tokens, jetty, connector);
    } catch (Exception e) {
      connector.close();
      throw e;
    }
  }

  private static HttpMcpServer start(
      WorkspaceServer workspace,
      DecisionEngine engine,
      Function<URI, AccessTokenConfig> tokens,
      Server jetty,
      ServerConnector connector)
      throws Exception {
    URI self = URI.create("http://127.0.0.1:" + connector.getLocalPort() + ENDPOINT);
    AccessTokenVerifier verifier = AccessTokenVerifier.create(tokens.apply(self));
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(
            URI.create(verifier.config().audience()),
            List.of(verifier.config().issuer()),
            List.of(WorkspaceServer.NAME + "/*"));
    DefaultServerTransportSecurityValidator loopbackOnly =
        DefaultServerTransportSecurityValidator.builder()
            .allowedHost("127.0.0.1:*")
            .allowedHost("localhost:*")
            .allowedOrigin("http://127.0.0.1:*")
            .allowedOrigin("http://localhost:*")
            .build();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJson.mapper())
            .mcpEndpoint(ENDPOINT)
            .contextExtractor(BearerTokenFilter.contextExtractor())
            .httpHeaderValidator(loopbackOnly)
            .build();
    McpGuard guard =
        McpGuard.builder(WorkspaceServer.guard(engine), WorkspaceServer.NAME)
            .identity(CallerIdentity.fromTransportContext())
            .build();
    McpSyncServer mcp = workspace.build(McpServer.sync(transport), guard);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(BearerTokenFilter.of(verifier, metadata.metadataUrl())),
        ENDPOINT,
        EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(
        new FilterHolder(new JsonRpcBodyFilter()), ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, ENDPOINT);
    context.addServlet(new ServletHolder(metadata.servlet()), metadata.wellKnownPath());
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      mcp.close();
      jetty.stop();
      throw e;
    }
    return new HttpMcpServer(jetty, mcp, connector.getLocalPort());
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /**
   * The base URL clients connect to ({@code http://127.0.0.1:port}); the endpoint is {@link
   * #ENDPOINT}.
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Stops the MCP server and Jetty.
   *
   * @throws IllegalStateException if Jetty fails to stop
   */
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
}
