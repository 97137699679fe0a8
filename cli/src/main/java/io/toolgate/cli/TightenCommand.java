package io.toolgate.cli;

import io.toolgate.analysis.Tightener;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tighten FILE --log LOG.jsonl ...}: the smallest whitelist that allowed the log's calls.
 */
@Command(
    name = "tighten",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "The smallest whitelist that allowed a decision log's calls.",
    sortOptions = false,
    description = {
      "Replay the log's allowed calls and print the smallest whitelist that still allows them,"
          + " as a policy document with its summary as YAML comments (readable, and loadable).",
      "With --out, write the document there instead, in the format its extension names."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:tightened", "2:usage error, an invalid policy, or an unreadable log"})
final class TightenCommand implements Callable<Integer> {
  private final Io io;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the policy document")
  Path file;

  @Option(
      names = "--log",
      required = true,
      paramLabel = "LOG.jsonl",
      description = "a decision log (the audit listener's JSON Lines)")
  Path log;

  @Option(
      names = "--min-siblings",
      paramLabel = "N",
      description =
          "used resources sharing a parent that become parent/* (default "
              + Tightener.DEFAULT_MIN_SIBLINGS
              + ")")
  Integer minSiblings;

  @Option(names = "--out", paramLabel = "FILE", description = "write the document here")
  Path out;

  @Option(names = "--json", description = "print JSON instead of the commented document")
  boolean json;

  TightenCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (minSiblings != null && minSiblings < 1) {
      throw new ParameterException(
          spec.commandLine(), "--min-siblings must be a whole number >= 1, was " + minSiblings);
    }
    return new AnalysisCli(io.out(), io.err(), io.clock())
        .tighten(file, log, minSiblings, out, json);
  }
}
