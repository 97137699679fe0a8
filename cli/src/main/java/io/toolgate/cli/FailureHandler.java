package io.toolgate.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a subcommand threw instead of reporting it itself: one line on standard error, never a stack
 * trace. Bad input (an {@link IllegalArgumentException} or an unreadable file) exits 2 like any
 * other input error; anything else is a fault of the tool and exits 1.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    boolean input = ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException;
    cmd.getErr()
        .println(
            cmd.getCommandSpec().qualifiedName(" ")
                + ": "
                + (input ? "" : "unexpected error: ")
                + PolicyCli.oneLine(ex));
    cmd.getErr().flush();
    return input ? PolicyCli.ERROR : 1;
  }
}
