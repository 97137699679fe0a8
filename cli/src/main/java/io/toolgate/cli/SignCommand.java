package io.toolgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sign --key PRIVATE.pem FILE}: signs a policy document. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Sign a policy document (writes FILE.sig).",
    description = "Sign a policy document: write its Ed25519 signature to FILE.sig.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:signed", "2:usage error, or a file or key cannot be read or written"})
final class SignCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PRIVATE.pem",
      description = "the private key (keygen's PREFIX.key)")
  Path key;

  @Parameters(index = "0", paramLabel = "FILE", description = "the policy document")
  Path file;

  SignCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new PolicyCli(io.out(), io.err()).sign(key, file);
  }
}
