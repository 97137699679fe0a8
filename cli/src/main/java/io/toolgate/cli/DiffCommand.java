package io.toolgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diff OLD NEW [--json] [--allow-inexact]}: the requests whose decision changes. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "The requests whose decision changes between two policies.",
    sortOptions = false,
    description = {
      "Print the requests whose decision changes from OLD to NEW, grouped by subject and tool,"
          + " and whether the change widens or narrows.",
      "When some requests could not be probed (conditions, plugged-in modules), the diff is"
          + " inexact and each reason is printed."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:nothing widens, and the diff is exact (or --allow-inexact)",
      "1:some request goes from deny to allow",
      "2:usage error, or an invalid policy",
      "3:nothing widens, but the diff is inexact"
    })
final class DiffCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "OLD", description = "the policy before")
  Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW", description = "the policy after")
  Path newFile;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Option(names = "--allow-inexact", description = "exit 0, not 3, when the diff is inexact")
  boolean allowInexact;

  DiffCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new AnalysisCli(io.out(), io.err(), io.clock())
        .diff(oldFile, newFile, json, allowInexact);
  }
}
