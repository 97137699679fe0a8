package io.toolgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify --key PUBLIC.pem FILE}: checks a document's signature, and the document. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check a policy document's signature, and the document.",
    description = "Check FILE.sig against the public key, and that the document is valid.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:verified", "2:usage error, a bad signature, or an invalid document"})
final class VerifyCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUBLIC.pem",
      description = "the trusted public key (keygen's PREFIX.pub)")
  Path key;

  @Parameters(index = "0", paramLabel = "FILE", description = "the policy document")
  Path file;

  VerifyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new PolicyCli(io.out(), io.err()).verify(key, file);
  }
}
