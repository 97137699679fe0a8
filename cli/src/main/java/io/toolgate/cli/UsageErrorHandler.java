package io.toolgate.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error (unknown command or option, missing or malformed value): one line on standard error
 * saying what is wrong, one line saying where the help is, and exit 2. No usage dump: the error
 * would scroll away above it.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(message(ex));
    err.println("try '" + helpCommand(cmd) + "'");
    err.flush();
    return PolicyCli.ERROR;
  }

  /** The exception's message as one line; an unknown subcommand is called that, with a guess. */
  static String message(ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    if (ex instanceof UnmatchedArgumentException u
        && !cmd.getSubcommands().isEmpty()
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      List<String> guesses = u.getSuggestions();
      return "unknown command: "
          + u.getUnmatched().get(0)
          + (guesses.isEmpty() ? "" : " (did you mean " + guesses.get(0) + "?)");
    }
    return PolicyCli.oneLine(ex);
  }

  /** {@code java -jar toolgate.jar SUBCOMMAND --help}, for the command that failed. */
  static String helpCommand(CommandLine cmd) {
    String path = cmd.getCommandSpec().qualifiedName(" ");
    String root = cmd.getCommandSpec().root().name();
    return "java -jar toolgate.jar" + path.substring(root.length()) + " --help";
  }
}
