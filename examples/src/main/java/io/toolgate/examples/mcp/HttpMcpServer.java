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
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The {@link WorkspaceServer} over MCP Streamable HTTP: the SDK's servlet transport in an embedded
 * Jetty, bound to the loopback interface. One server serves many users: each request's bearer token
 * is mapped to the caller's delegation chain ({@link BearerTokens}); a request without a known
 * token is answered 401 before MCP sees it, and the Host and Origin headers must name the loopback
 * interface (against DNS rebinding). Each message is read strictly before the SDK sees it:
 * malformed JSON, a repeated key or unusable params get a JSON-RPC error ({@code -32700}, {@code
 * -32600}, {@code -32602}) and never a Java stack trace ({@link McpJson}).
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
   * accepts connections.
   *
   * @throws Exception if Jetty cannot start (the port is taken, say)
   */
  public static HttpMcpServer start(
      WorkspaceServer workspace, DecisionEngine engine, BearerTokens tokens, int port)
      throws Exception {
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
            .contextExtractor(tokens)
            .httpHeaderValidator(loopbackOnly)
            .build();
    McpGuard guard =
        McpGuard.builder(WorkspaceServer.guard(engine), WorkspaceServer.NAME)
            .identity(CallerIdentity.fromTransportContext())
            .build();
    McpSyncServer mcp = workspace.build(McpServer.sync(transport), guard);

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    Filter bearerRequired =
        (request, response, chain) -> {
          if (tokens.chainOf((HttpServletRequest) request) == null) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("WWW-Authenticate", "Bearer");
            http.sendError(HttpServletResponse.SC_UNAUTHORIZED, "a known bearer token is required");
            return;
          }
          chain.doFilter(request, response);
        };
    context.addFilter(new FilterHolder(bearerRequired), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(
        new FilterHolder(new JsonRpcBodyFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
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
