package io.toolgate.examples;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code toolgate.jar demo}: the scripted demo ({@link Demo}), also what the jar runs bare. */
@Command(
    name = "demo",
    header = "Run the scripted demo (the default when the jar is run without arguments).",
    description =
        "Decisions over a small policy, the kill switches, and a round trip through a guarded"
            + " MCP server over loopback HTTP.")
final class DemoCommand implements Callable<Integer> {
  private final PrintStream out;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  DemoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    new Demo(out).run();
    return 0;
  }
}
