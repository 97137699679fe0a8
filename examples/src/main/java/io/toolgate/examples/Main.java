package io.toolgate.examples;

import io.toolgate.examples.mcp.McpServerCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code toolgate.jar} entry point: {@code demo} (the default) runs the scripted demo;
 * {@code mcp-server} runs the guarded MCP server ({@link McpServerCommand}).
 */
public final class Main {
  private Main() {}

  /** Runs a subcommand; exits 2 on an unknown one. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "demo" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "demo":
        new Demo(out).run();
        return 0;
      case "mcp-server":
        try {
          return McpServerCommand.run(rest, System.in, out, err);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 1;
        } catch (Exception e) {
          err.println("mcp-server failed: " + e);
          return 1;
        }
      case "help":
      case "--help":
        usage(out);
        return 0;
      default:
        err.println("unknown command: " + command + " " + String.join(" ", rest));
        usage(err);
        return 2;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar toolgate.jar [demo|mcp-server|help]");
    out.println("  demo         replay a scripted session of agent tool calls, then an MCP round trip");
    out.println("  mcp-server   run the guarded workspace MCP server over stdio or Streamable HTTP");
    out.println("               (mcp-server --sandbox DIR [--seed] (--user USER | --http PORT --token SECRET=USER))");
  }
}
