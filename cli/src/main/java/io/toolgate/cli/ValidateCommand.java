package io.toolgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate FILE...}: every problem of every document, located. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Print every problem of each policy document, located.",
    description = "Print every problem of each policy document as FILE:LINE:COLUMN: message.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every document is valid", "2:some document is not, or cannot be read"})
final class ValidateCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy documents (YAML or JSON)")
  List<Path> files;

  ValidateCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new PolicyCli(io.out(), io.err()).validate(files);
  }
}
