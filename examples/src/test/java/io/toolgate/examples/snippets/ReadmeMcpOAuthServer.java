package io.toolgate.examples.snippets;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.mcp.CallerIdentity;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.oauth.AccessTokenConfig;
import io.toolgate.mcp.oauth.AccessTokenVerifier;
import io.toolgate.mcp.oauth.BearerTokenFilter;
import io.toolgate.mcp.oauth.ProtectedResourceMetadata;
import jakarta.servlet.DispatcherType;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * README "An MCP server with OAuth", as shown there, with the names the README's prose defines
 * ({@code guard}, {@code issuer}, {@code resource}, {@code jwks}, {@code docs}, {@code readFile},
 * {@code text}, {@code path}); {@link ReadmeMcpOAuthServerTest} runs it in Jetty.
 */
final class ReadmeMcpOAuthServer {
  private ReadmeMcpOAuthServer() {}

  /** What the snippet leaves behind for the test. */
  record Result(ServletContextHandler context, McpSyncServer server) {}

  static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).isError(false).build();
  }

  /** The sandbox-relative path of an allowed call's resource. */
  static String path(io.toolgate.Request call) {
    return call.resource().value().substring("file:///docs/".length());
  }

  static Result run(io.toolgate.guard.ToolGuard guard, String issuer, java.net.URI resource,
      java.nio.file.Path jwks, java.nio.file.Path docs, McpSchema.Tool readFile) throws java.io.IOException {
    // snippet:mcp-oauth begin
    AccessTokenVerifier verifier = AccessTokenVerifier.create(
        AccessTokenConfig.builder(issuer, resource.toString())  // iss, and aud: this server (RFC 8707)
            .jwkSetFile(jwks)                                    // or .jwkSetUri(https URL): cached, rotated
            .build());
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(resource, List.of(issuer), List.of("files/*"));
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .mcpEndpoint("/mcp")
            .contextExtractor(BearerTokenFilter.contextExtractor())  // the token's chain, per request
            .build();
    McpGuard mcp = McpGuard.builder(guard, "files")
        .identity(CallerIdentity.fromTransportContext())
        .build();
    McpSyncServer server = McpServer.sync(transport)
        .serverInfo("files", "1.0.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(mcp.guard(readFile, call -> text(Files.readString(docs.resolve(path(call))))))
        .addToolFilter(mcp.listFilter())
        .build();
    ServletContextHandler context = new ServletContextHandler();  // Jetty 12 ee11, or any Servlet 6 container
    context.addFilter(new FilterHolder(BearerTokenFilter.of(verifier, metadata.metadataUrl())),
        "/mcp", EnumSet.of(DispatcherType.REQUEST));              // no valid token: 401, nothing runs
    ServletHolder endpoint = new ServletHolder(transport);
    endpoint.setAsyncSupported(true);
    context.addServlet(endpoint, "/mcp");
    context.addServlet(new ServletHolder(metadata.servlet()), metadata.wellKnownPath());
    // snippet:mcp-oauth end
    return new Result(context, server);
  }
}
