package io.toolgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit verify FILE... --key PUBLIC.pem}: the first sign of tampering, or intact. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check a hash-chained audit log: report the first line tampered with.",
    description = {
      "Check every line's sequence number and previous-line hash, and every checkpoint's",
      "signature and Merkle root; print FILE:LINE: KIND: message for the first line that was",
      "edited, deleted, inserted, reordered or forged, or a summary when the log is intact.",
      "Give a rotated log's files oldest first (FILE FILE.000001 ...). With --checkpoint, a",
      "checkpoint kept elsewhere, a log cut after its last checkpoint is found too."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:intact",
      "1:tampered with",
      "2:usage error, or a file or key cannot be read"
    })
final class AuditVerifyCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUBLIC.pem",
      description = "the public key of the log's signing key (keygen's PREFIX.pub)")
  Path key;

  @Option(
      names = "--checkpoint",
      paramLabel = "TRUSTED",
      description = "a checkpoint of this log kept elsewhere: its signed note, or its log line")
  Path trusted;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "the log's files, oldest first")
  List<Path> files;

  AuditVerifyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new AuditCli(io.out(), io.err()).verify(files, key, trusted);
  }
}
