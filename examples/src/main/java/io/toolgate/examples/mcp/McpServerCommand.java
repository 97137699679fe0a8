package io.toolgate.examples.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.mcp.CallerIdentity;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code toolgate.jar mcp-server}: runs the {@link WorkspaceServer} over stdio (one user, named at
 * launch) or Streamable HTTP (many users, one bearer token each).
 *
 * <pre>
 * mcp-server --sandbox DIR [--seed] [--rug-pull] --user alice [--agent assistant]       (stdio)
 * mcp-server --sandbox DIR [--seed] --http PORT --token SECRET=alice [--token ...]      (HTTP)
 * </pre>
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
    Map<String, String> tokens = new LinkedHashMap<>();
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
        case "--token" -> {
          String t = hasValue ? args[++i] : "";
          int eq = t.indexOf('=');
          if (eq <= 0 || eq == t.length() - 1) {
            err.println("--token takes SECRET=user, was '" + t + "'");
            return 2;
          }
          tokens.put(t.substring(0, eq), t.substring(eq + 1));
        }
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
        || (httpPort != null && tokens.isEmpty())) {
      err.println(
          "usage: mcp-server --sandbox DIR [--seed] [--rug-pull] (--user USER [--agent AGENT]"
              + " | --http PORT --token SECRET=USER...)");
      return 2;
    }
    Files.createDirectories(sandbox);
    if (seed) {
      WorkspaceServer.seed(sandbox);
    }
    WorkspaceServer workspace = new WorkspaceServer(sandbox, rugPull);
    DecisionEngine engine = DecisionEngine.builder(WorkspaceServer.policy()).build();
    if (httpPort != null) {
      Map<String, DelegationChain> chains = new LinkedHashMap<>();
      String via = agent;
      tokens.forEach((t, u) -> chains.put(t, DelegationChain.onBehalfOf(u, via)));
      HttpMcpServer server =
          HttpMcpServer.start(workspace, engine, BearerTokens.of(chains), httpPort);
      err.println("MCP Streamable HTTP server on " + server.baseUri() + HttpMcpServer.ENDPOINT);
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
