package io.toolgate.examples;

import io.toolgate.examples.mcp.McpServerCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The examples' {@code toolgate.jar} entry point: {@code demo} (the default) runs the scripted
 * demo, {@code mcp-server} runs the guarded workspace MCP server ({@link McpServerCommand}), and
 * every other command is the command-line tool's ({@code toolgate-cli}, {@link
 * io.toolgate.cli.Main}).
 */
public final class Main {
  private Main() {}

  /** Runs a subcommand; exits 2 on an unknown one. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "demo" : args[0];
    switch (command) {
      case "demo":
        new Demo(out).run();
        return 0;
      case "mcp-server":
        try {
          return McpServerCommand.run(
              Arrays.copyOfRange(args, 1, args.length), System.in, out, err);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 1;
        } catch (Exception e) {
          err.println("mcp-server failed: " + e);
          return 1;
        }
      default:
        return io.toolgate.cli.Main.run(args, out, err);
    }
  }
}
