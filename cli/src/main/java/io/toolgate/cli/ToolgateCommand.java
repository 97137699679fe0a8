package io.toolgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code toolgate}, the root command: its subcommands do the work; by itself it prints its usage on
 * standard output and exits 0, like {@code kubectl} (and like the tool before picocli).
 */
@Command(
    name = "toolgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Validate, test, sign and analyse Toolgate policy documents.",
      "Run it as java -jar toolgate.jar COMMAND, or alias toolgate='java -jar toolgate.jar'."
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Exit status: 0 success, 1 denied (check) or widened (diff), 2 usage or input error,"
          + " 3 inexact diff.",
      "See 'java -jar toolgate.jar COMMAND --help' for a command's options."
    })
final class ToolgateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return PolicyCli.OK;
  }
}
