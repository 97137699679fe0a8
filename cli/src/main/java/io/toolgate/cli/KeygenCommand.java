package io.toolgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygen --out PREFIX}: a new Ed25519 key pair for signing policy documents. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Write a new Ed25519 key pair for signing policy documents.",
    description =
        "Write a new Ed25519 key pair: PREFIX.key (private, PKCS#8 PEM; keep it secret) and"
            + " PREFIX.pub.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:written", "2:usage error, or a file cannot be written"})
final class KeygenCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "file prefix")
  String prefix;

  KeygenCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new PolicyCli(io.out(), io.err()).keygen(prefix);
  }
}
