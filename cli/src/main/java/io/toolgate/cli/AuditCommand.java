package io.toolgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code audit}: its subcommands check a hash-chained audit log; by itself it prints its usage. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    header = "Verify a hash-chained audit log and prove entries in it.",
    description = {
      "Check an audit log written by check --audit-log or io.toolgate.audit.ChainedAuditLog:",
      "its hash chain, its signed Merkle checkpoints, inclusion and consistency proofs."
    },
    commandListHeading = "%nCommands:%n")
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return PolicyCli.OK;
  }
}
