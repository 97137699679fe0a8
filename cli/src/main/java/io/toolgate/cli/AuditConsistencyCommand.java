package io.toolgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code audit consistency OLD NEW --log FILE... --key PUBLIC.pem}: a consistency proof between two
 * checkpoints, computed from the log, printed and checked.
 */
@Command(
    name = "consistency",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Print and check the consistency proof between two checkpoints of an audit log.",
    description = {
      "OLD and NEW are checkpoints of one log, each a file holding its signed note or its log",
      "line; both must be signed by --key. The RFC 6962 consistency proof between them is",
      "computed from the log's files and checked against both roots: it shows the log of NEW",
      "extends the log of OLD, nothing before OLD rewritten or cut."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:consistent",
      "1:not consistent (rewritten or cut), or a checkpoint's signature does not verify",
      "2:usage error, or a file or key cannot be read"
    })
final class AuditConsistencyCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "OLD", description = "the older checkpoint")
  Path older;

  @Parameters(index = "1", paramLabel = "NEW", description = "the newer checkpoint")
  Path newer;

  @Option(
      names = "--log",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "the log's files, oldest first, to compute the proof from")
  List<Path> files;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUBLIC.pem",
      description = "the public key of the log's signing key")
  Path key;

  AuditConsistencyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new AuditCli(io.out(), io.err()).consistency(older, newer, files, key);
  }
}
