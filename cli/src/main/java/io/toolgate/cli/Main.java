package io.toolgate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code toolgate.jar} entry point: the policy commands ({@code validate}, {@code check},
 * {@code sign}, {@code verify}, {@code keygen}, {@link PolicyCli}) and the least-privilege commands
 * ({@code report}, {@code diff}, {@code tighten}, {@link AnalysisCli}) serve policy authors and CI
 * pipelines.
 */
public final class Main {
  private Main() {}

  /** Runs a subcommand; exits 2 on an unknown one. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a subcommand, writing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    PolicyCli cli = new PolicyCli(out, err);
    List<String> list = Arrays.asList(rest);
    switch (command) {
      case "validate":
        return cli.validate(list);
      case "check":
        return cli.check(list);
      case "sign":
        return cli.sign(list);
      case "verify":
        return cli.verify(list);
      case "keygen":
        return cli.keygen(list);
      case "report":
        return new AnalysisCli(out, err, java.time.InstantSource.system()).report(list);
      case "diff":
        return new AnalysisCli(out, err, java.time.InstantSource.system()).diff(list);
      case "tighten":
        return new AnalysisCli(out, err, java.time.InstantSource.system()).tighten(list);
      case "help":
      case "--help":
        usage(out);
        return 0;
      default:
        err.println("unknown command: " + command + " " + String.join(" ", rest));
        usage(err);
        return 2;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar toolgate.jar COMMAND [ARGS]");
    out.println(
        "  validate FILE...                     print every problem as FILE:LINE:COLUMN: message");
    out.println("  check --policy FILE --principal ID [--via ID]... --tool SERVER/NAME");
    out.println("        [--resource R] [--args JSON] [--env JSON] [--trusted-key PUB.pem]");
    out.println(
        "                                       print the decision as JSON; exit 0 allow, 1 deny, 2 error");
    out.println("  check --policy FILE --requests FILE.jsonl [--expect]");
    out.println(
        "                                       one decision per request line; exit 2 if a line is malformed");
    out.println(
        "                                       --expect: check each line's \"expect\" (and \"reason\");");
    out.println(
        "                                       exit 0 all agree, 1 some disagree, 2 malformed");
    out.println(
        "  keygen --out PREFIX                  write an Ed25519 key pair PREFIX.key and PREFIX.pub");
    out.println("  sign --key PRIVATE.pem FILE          write FILE.sig");
    out.println("  verify --key PUBLIC.pem FILE         check FILE.sig and the document");
    out.println("  report FILE [--log LOG.jsonl] [--json]");
    out.println(
        "                                       effective permissions of every principal, and findings");
    out.println(
        "  diff OLD NEW [--json] [--allow-inexact]  requests whose decision changes; exit 1 if any widens, 3 if inexact");
    out.println("  tighten FILE --log LOG.jsonl [--min-siblings N] [--out FILE] [--json]");
    out.println(
        "                                       the smallest whitelist that allowed the log's calls");
  }
}
