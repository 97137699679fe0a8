package io.toolgate.examples;

import io.toolgate.cli.ToolgateCli;
import io.toolgate.examples.mcp.McpServerCommand;
import java.io.InputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * The examples' {@code toolgate.jar} entry point: the command-line tool's commands ({@code
 * toolgate-cli}, {@link ToolgateCli}) plus {@code demo}, the scripted demo and the default, and
 * {@code mcp-server}, the guarded workspace MCP server ({@link McpServerCommand}), and {@code
 * fleet-gateway}, one replica of a fleet on Redis ({@link FleetGatewayCommand}).
 */
public final class Main {
  private Main() {}

  /** Runs a subcommand (the demo when there is none) and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine cl = commandLine(in, out, err);
    return io.toolgate.cli.Main.execute(cl, args.length == 0 ? new String[] {"demo"} : args);
  }

  /**
   * The command line: the tool's, with {@code demo}, {@code mcp-server} and {@code fleet-gateway}.
   */
  static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
    CommandLine cl =
        ToolgateCli.commandLine(
            out,
            err,
            new DemoCommand(out),
            new McpServerSubcommand(in, out, err),
            new FleetGatewayCommand(in, out, err));
    // The server parses its own options: stop at the first one picocli does not know.
    cl.getSubcommands().get("mcp-server").setStopAtUnmatched(true);
    return cl;
  }
}
