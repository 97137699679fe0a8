package io.toolgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code audit prove FILE... --line N --key PUBLIC.pem}: an inclusion proof, printed and checked.
 */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Print and check the inclusion proof of one audit log line.",
    description = {
      "Verify the log, then print the RFC 6962 inclusion proof of line N of the last FILE in the",
      "tree its last checkpoint signs, and check it against the signed root: the proof shows the",
      "decision is in the log to anyone holding the checkpoint, without the rest of the log."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:proof verified",
      "1:the log was tampered with",
      "2:usage error, a file or key cannot be read, no such line, or no checkpoint covers it yet"
    })
final class AuditProveCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--line",
      required = true,
      paramLabel = "N",
      description = "the line to prove, 1-based, in the last FILE")
  int line;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUBLIC.pem",
      description = "the public key of the log's signing key")
  Path key;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "the log's files, oldest first; the line is in the last")
  List<Path> files;

  AuditProveCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new AuditCli(io.out(), io.err()).prove(files, line, key);
  }
}
