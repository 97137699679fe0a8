package io.toolgate.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * The {@code toolgate.jar} entry point: the policy commands ({@code validate}, {@code check},
 * {@code sign}, {@code verify}, {@code keygen}) and the least-privilege commands ({@code report},
 * {@code diff}, {@code tighten}) serve policy authors and CI pipelines; {@link ToolgateCli} builds
 * the command line.
 */
public final class Main {
  private Main() {}

  /** Runs a subcommand and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a subcommand, writing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return execute(ToolgateCli.commandLine(out, err), args);
  }

  /**
   * Runs {@code cl} (from {@link ToolgateCli#commandLine}, perhaps with subcommands added) on
   * {@code args}, then flushes its output; returns the exit status.
   */
  public static int execute(CommandLine cl, String[] args) {
    try {
      return cl.execute(args);
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
    }
  }
}
