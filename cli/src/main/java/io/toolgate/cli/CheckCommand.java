package io.toolgate.cli;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.audit.ChainedAuditLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code check}: decides one request given by options, or every line of a requests file, or checks
 * each line's expected decision ({@code --expect}, policy tests in CI).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Decide requests: one from options, or every line of a JSON Lines file.",
    sortOptions = false,
    description = {
      "Decide one request and print the decision as one JSON object (effect, reason, rules,"
          + " policyVersion, hop, refusedBy, errors, detail);",
      "or, with --requests, one decision per line of a JSON Lines file (keys principal, via,"
          + " tool, resource, args, env), each with its line number;",
      "or, with --requests and --expect, check each line's \"expect\": \"ALLOW\"|\"DENY\""
          + " (and optional \"reason\"), printing each line that disagrees and a summary.",
      "With --audit-log and --audit-key, each decision is also written to a new hash-chained"
          + " audit log (see audit verify).",
      "--args, --env and request lines are read strictly: a repeated key or a null value is"
          + " refused, and numbers stay exact."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:allowed (--requests: every line decided; --expect: every line as expected)",
      "1:denied (--expect: some line not as expected)",
      "2:usage or input error (--requests: some line malformed)"
    })
final class CheckCommand implements Callable<Integer> {
  private final Io io;

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "the policy")
  Path policy;

  @Option(
      names = "--trusted-key",
      paramLabel = "PUB.pem",
      description = "refuse the policy unless it is signed with this key (FILE.sig)")
  Path trustedKey;

  @Option(names = "--principal", paramLabel = "ID", description = "who the call is for")
  String principal;

  @Option(
      names = "--via",
      paramLabel = "ID",
      description = "an agent acting for the principal; repeat for each hop, in order")
  List<String> via = new ArrayList<>();

  @Option(names = "--tool", paramLabel = "SERVER/NAME", description = "the tool called")
  String tool;

  @Option(names = "--resource", paramLabel = "R", description = "the resource, if any")
  String resource;

  @Option(names = "--args", paramLabel = "JSON", description = "the call's arguments, an object")
  String args;

  @Option(names = "--env", paramLabel = "JSON", description = "the environment, an object")
  String env;

  @Option(
      names = "--requests",
      paramLabel = "FILE.jsonl",
      description = "decide every line of this file instead")
  Path requests;

  @Option(
      names = "--expect",
      description = "with --requests: check each line's \"expect\" (and \"reason\")")
  boolean expect;

  @Option(
      names = "--audit-log",
      paramLabel = "OUT.jsonl",
      description = "also write each decision to this new hash-chained audit log")
  Path auditLog;

  @Option(
      names = "--audit-key",
      paramLabel = "PRIVATE.pem",
      description =
          "with --audit-log: the Ed25519 key (keygen's PREFIX.key) signing its checkpoints")
  Path auditKey;

  CheckCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    checkCombination();
    PolicyCli cli = new PolicyCli(io.out(), io.err());
    Policy p = cli.load(policy, trustedKey);
    if (p == null) {
      return PolicyCli.ERROR;
    }
    DecisionEngine.Builder builder = DecisionEngine.builder(p);
    ChainedAuditLog log = null;
    if (auditLog != null) {
      log = new AuditCli(io.out(), io.err()).open(auditLog, auditKey);
      if (log == null) {
        return PolicyCli.ERROR;
      }
      builder.listener(log);
    }
    try {
      DecisionEngine engine = builder.build();
      if (requests != null) {
        return expect ? cli.checkExpectations(engine, requests) : cli.checkMany(engine, requests);
      }
      return cli.checkOne(engine, principal, via, tool, resource, args, env);
    } finally {
      if (log != null) {
        log.close();
      }
    }
  }

  /** One request from options, or many from a file: never both, never neither. */
  private void checkCombination() {
    List<String> single = new ArrayList<>();
    for (var o : List.of("--principal", "--via", "--tool", "--resource", "--args", "--env")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        single.add(o);
      }
    }
    if (requests != null && !single.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--requests reads every request from its file; it cannot be combined with "
              + String.join(", ", single));
    }
    if (expect && requests == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--expect checks the \"expect\" of each line of --requests FILE.jsonl");
    }
    if ((auditLog == null) != (auditKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "--audit-log OUT.jsonl and --audit-key PRIVATE.pem go together");
    }
    if (requests == null && (principal == null || tool == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "check needs --principal ID and --tool SERVER/NAME, or --requests FILE.jsonl");
    }
  }
}
