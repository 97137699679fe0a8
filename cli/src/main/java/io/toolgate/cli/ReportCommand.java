package io.toolgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report FILE [--log LOG.jsonl] [--json]}: who can reach what, and findings. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Effective permissions of every principal, and findings.",
    sortOptions = false,
    description = {
      "Print the effective permissions of every principal (tool, resource, access, the grants"
          + " behind it) and the findings, each with a fix.",
      "With --log, grants the log's calls never used are findings too; log lines that cannot be"
          + " read are skipped and named on standard error."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:reported", "2:usage error, an invalid policy, or an unreadable log"})
final class ReportCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE", description = "the policy document")
  Path file;

  @Option(
      names = "--log",
      paramLabel = "LOG.jsonl",
      description = "a decision log (the audit listener's JSON Lines)")
  Path log;

  @Option(names = "--json", description = "print JSON instead of tables")
  boolean json;

  ReportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new AnalysisCli(io.out(), io.err(), io.clock()).report(file, log, json);
  }
}
