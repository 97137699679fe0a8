package io.toolgate.examples.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.mcp.CallerIdentity;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpJson;
import io.toolgate.mcp.oauth.AccessTokenConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code toolgate.jar mcp-server}: runs the {@link WorkspaceServer} over stdio (one user, named at
 * launch) or Streamable HTTP (many users, each identified by an OAuth 2.1 access token).
 *
 * <pre>
 * mcp-server --sandbox DIR [--seed] [--rug-pull] --user alice [--agent assistant]        (stdio)
 * mcp-server --sandbox DIR [--seed] --http PORT --issuer URL --jwks FILE|https-URL
 *            [--audience URL]                                                           (HTTP)
 * </pre>
 *
 * <p>Over HTTP, tokens must be signed JWTs from {@code --issuer} (keys from the JWK set file, read
 * at start, or {@code https} URL, cached and refetched on rotation) for {@code --audience}, by
 * default the server's own URL {@code http://127.0.0.1:PORT/mcp}; {@code sub} and the nested {@code
 * act} claims become the caller's chain (see docs/mcp.md).
 *
 * <p>Over stdio, standard output carries only MCP messages; logs go to standard error. The stdio
 * server stops when its standard input closes (the client went away); the HTTP server runs until
 * the process is stopped.
 */
public final class McpServerCommand {
  private McpServerCommand() {}

  private static Integer port(String text) {
    try {
      int port = Integer.parseInt(text);
      return port >= 0 && port <= 65535 ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The access token configuration of the command line: {@code jwks} is an {@code https} URL or a
   * file; the audience defaults to the server's own URL.
   */
  static Function<URI, AccessTokenConfig> tokenConfig(String issuer, String audience, String jwks) {
    return self -> {
      AccessTokenConfig.Builder b =
          AccessTokenConfig.builder(issuer, audience == null ? self.toString() : audience);
      if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
        b.jwkSetUri(URI.create(jwks));
      } else {
        b.jwkSetFile(Path.of(jwks));
      }
      return b.build();
    };
  }

  /**
   * Runs the command.
   *
   * @return the exit code: 0 after a clean stop, 2 for bad arguments
   */
  public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream err)
      throws Exception {
    Path sandbox = null;
    String user = null;
    String agent = WorkspaceServer.AGENT;
    Integer httpPort = null;
    boolean seed = false;
    boolean rugPull = false;
    String issuer = null;
    String audience = null;
    String jwks = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (a) {
        case "--sandbox" -> sandbox = hasValue ? Path.of(args[++i]) : null;
        case "--user" -> user = hasValue ? args[++i] : null;
        case "--agent" -> agent = hasValue ? args[++i] : null;
        case "--http" -> {
          httpPort = hasValue ? port(args[++i]) : null;
          if (httpPort == null) {
            err.println("--http takes a port number from 0 to 65535");
            return 2;
          }
        }
        case "--issuer" -> issuer = hasValue ? args[++i] : null;
        case "--audience" -> audience = hasValue ? args[++i] : null;
        case "--jwks" -> jwks = hasValue ? args[++i] : null;
        case "--seed" -> seed = true;
        case "--rug-pull" -> rugPull = true;
        default -> {
          err.println("unknown option: " + a);
          return 2;
        }
      }
    }
    if (sandbox == null
        || agent == null
        || (httpPort == null && user == null)
        || (httpPort != null && (issuer == null || jwks == null))) {
      err.println(
          "usage: mcp-server --sandbox DIR [--seed] [--rug-pull] (--user USER [--agent AGENT]"
              + " | --http PORT --issuer URL --jwks FILE|https-URL [--audience URL])");
      return 2;
    }
    Function<URI, AccessTokenConfig> tokens = null;
    if (httpPort != null) {
      try {
        tokens = tokenConfig(issuer, audience, jwks);
        tokens.apply(URI.create("http://127.0.0.1:" + httpPort + HttpMcpServer.ENDPOINT));
      } catch (IllegalArgumentException | IllegalStateException e) {
        err.println("mcp-server: " + e.getMessage());
        return 2;
      }
    }
    Files.createDirectories(sandbox);
    if (seed) {
      WorkspaceServer.seed(sandbox);
    }
    WorkspaceServer workspace = new WorkspaceServer(sandbox, rugPull);
    DecisionEngine engine = DecisionEngine.builder(WorkspaceServer.policy()).build();
    if (tokens != null) {
      HttpMcpServer server = HttpMcpServer.start(workspace, engine, tokens, httpPort);
      err.println(
          "MCP Streamable HTTP server on "
              + server.baseUri()
              + HttpMcpServer.ENDPOINT
              + ", OAuth 2.1 bearer tokens from "
              + issuer);
      Thread.currentThread().join(); // until the process is stopped
      return 0;
    }
    CountDownLatch closed = new CountDownLatch(1);
    InputStream watched =
        new FilterInputStream(stdin) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
              closed.countDown();
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
              closed.countDown();
            }
            return n;
          }
        };
    McpGuard guard =
        McpGuard.builder(WorkspaceServer.guard(engine), WorkspaceServer.NAME)
            .identity(CallerIdentity.fixed(DelegationChain.onBehalfOf(user, agent)))
            .build();
    McpSyncServer server =
        workspace.build(
            McpServer.sync(new StdioServerTransportProvider(McpJson.mapper(), watched, stdout)),
            guard);
    closed.await();
    server.closeGracefully();
    return 0;
  }
}
