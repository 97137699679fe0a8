package io.toolgate.examples;

import io.toolgate.examples.mcp.McpServerCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code toolgate.jar mcp-server ...}: hands every argument after the command, unparsed, to {@link
 * McpServerCommand}, which parses its own; picocli only answers {@code --help} (given first).
 */
@Command(
    name = "mcp-server",
    header = "Run the guarded workspace MCP server over stdio or Streamable HTTP.",
    synopsisHeading = "Usage: ",
    customSynopsis = "toolgate mcp-server [-h] OPTIONS...",
    description = {
      "Options (read by the server itself; see docs/mcp.md):",
      "  --sandbox DIR   the folder the workspace tools work in (required)",
      "  --seed          put sample files into the sandbox first",
      "  --rug-pull      change a tool's description after the first tools/list",
      "  --user USER     stdio: the user every call is made for",
      "  --agent AGENT   the agent acting for the user (default assistant)",
      "  --http PORT     serve Streamable HTTP on this port instead of stdio; callers",
      "                  present OAuth 2.1 access tokens (docs/mcp.md):",
      "  --issuer URL    HTTP: the tokens' issuer (required with --http)",
      "  --jwks FILE|URL HTTP: the issuer's JWK set, a file or an https URL (required)",
      "  --audience URL  HTTP: this server's resource identifier (default: its own URL)",
      "Over stdio, standard output carries only MCP messages; logs go to standard error."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:stopped cleanly", "1:the server failed", "2:usage error"})
final class McpServerSubcommand implements Callable<Integer> {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  /**
   * Everything after {@code mcp-server}: the parser stops at the first argument it does not know.
   */
  @Unmatched List<String> args = new ArrayList<>();

  McpServerSubcommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try {
      return McpServerCommand.run(args.toArray(String[]::new), in, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Exception e) {
      err.println("mcp-server failed: " + e);
      return 1;
    }
  }
}
