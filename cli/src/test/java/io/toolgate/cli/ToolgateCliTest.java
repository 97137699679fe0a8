package io.toolgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What picocli gives every command: usage, help, version, completion, and usage errors. */
class ToolgateCliTest {
  @TempDir Path dir;
  Path policy;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The subcommands, read from the command line itself so a new one cannot be forgotten. */
  static Set<String> subcommands() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return ToolgateCli.commandLine(sink, sink).getSubcommands().keySet();
  }

  @BeforeEach
  void writePolicy() throws IOException {
    policy = Files.writeString(dir.resolve("policy.yaml"), PolicyCliTest.POLICY);
  }

  @Test
  void noArguments_printsUsageListingEveryCommandOnStdout_exitsZero() {
    Run r = run();
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("Usage: toolgate [-hV] COMMAND\n");
    assertThat(subcommands())
        .hasSize(12)
        .allSatisfy(name -> assertThat(r.out()).containsPattern("(?m)^  " + name + " +\\S"));
    assertThat(run("--help")).isEqualTo(r);
  }

  @Test
  void version_printsTheBuiltVersion() {
    Run r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).matches("toolgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(run("-V")).isEqualTo(r);
    assertThat(run("check", "--version")).isEqualTo(r);
  }

  @Test
  void help_onEverySubcommand_printsItsUsageOnStdout_sameAsTheHelpCommand() {
    for (String name : subcommands()) {
      Run r = run(name, "--help");
      assertThat(r.code()).as(name).isZero();
      assertThat(r.err()).as(name).isEmpty();
      assertThat(r.out()).as(name).contains("Usage: toolgate " + name, "-h, --help");
      assertThat(run(name, "-h")).as(name).isEqualTo(r);
      if (!name.equals("help")) {
        assertThat(run("help", name)).as(name).isEqualTo(r);
      }
    }
    assertThat(run("check", "--help").out())
        .contains("--policy=FILE", "--requests=FILE.jsonl", "--expect", "1   denied");
    assertThat(run("diff", "--help").out()).contains("3   nothing widens, but the diff is inexact");
  }

  @Test
  void optionEqualsValue_sameAsOptionThenValue() {
    Run spaced =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "alice",
            "--via",
            "triage-bot",
            "--tool",
            "github/list_issues",
            "--resource",
            "repo:acme/api");
    Run joined =
        run(
            "check",
            "--policy=" + policy,
            "--principal=alice",
            "--via=triage-bot",
            "--tool=github/list_issues",
            "--resource=repo:acme/api");
    assertThat(spaced.code()).isZero();
    assertThat(joined).isEqualTo(spaced);
    // A value may itself contain '=': only the first one splits.
    Run args =
        run(
            "check",
            "--policy=" + policy,
            "--principal=payer",
            "--tool=payments/transfer",
            "--args={\"memo\":\"a=b\",\"amount\":5000}");
    assertThat(args.code()).isEqualTo(1);
    assertThat(args.out()).contains("\"reason\":\"EXPLICIT_DENY\"");
  }

  @Test
  void unknownOption_oneLineAndAHintOnStderr_exitTwo_noStackTrace() {
    Run r = run("validate", "--bogus", policy.toString());
    assertThat(r)
        .isEqualTo(
            new Run(
                2,
                "",
                "Unknown option: '--bogus'\ntry 'java -jar toolgate.jar validate --help'\n"));
    Run missingValue = run("check", "--policy");
    assertThat(missingValue.code()).isEqualTo(2);
    assertThat(missingValue.err().lines())
        .containsExactly(
            "Missing required parameter for option '--policy' (FILE)",
            "try 'java -jar toolgate.jar check --help'");
  }

  @Test
  void unknownCommand_namedWithAGuess_exitTwo() {
    assertThat(run("chek", "--policy", "x"))
        .isEqualTo(
            new Run(
                2,
                "",
                "unknown command: chek (did you mean check?)\n"
                    + "try 'java -jar toolgate.jar --help'\n"));
  }

  @Test
  void generateCompletion_printsABashScriptForEveryCommandAndOption() {
    Run r = run("generate-completion");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F");
    assertThat(subcommands()).allSatisfy(name -> assertThat(r.out()).contains(name));
    assertThat(r.out()).contains("--policy", "--trusted-key", "--allow-inexact", "--min-siblings");
  }

  @Test
  void badJsonInArgs_oneLineWithWhereAndWithoutJacksonInternals() {
    for (String json : new String[] {"{", "{\"a\":1}{", "{\"a\":NaN}", "[".repeat(2000)}) {
      Run r =
          run(
              "check",
              "--policy",
              policy.toString(),
              "--principal",
              "payer",
              "--tool",
              "payments/transfer",
              "--args",
              json);
      assertThat(r.code()).as(json).isEqualTo(2);
      assertThat(r.err().lines())
          .as(json)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("bad request: --args: not valid JSON")
                      .doesNotContain("REDACTED", "Source", "tools.jackson", "`", "Feature"));
    }
    assertThat(
            run(
                    "check",
                    "--policy",
                    policy.toString(),
                    "--principal",
                    "payer",
                    "--tool",
                    "payments/transfer",
                    "--env",
                    "{")
                .err())
        .isEqualTo(
            "bad request: --env: not valid JSON at 1:2: Unexpected end-of-input: expected close"
                + " marker for Object\n");
  }

  @Test
  void badLogLines_skippedWithFileLineColumn_withoutJacksonInternals() throws IOException {
    Path log = Files.writeString(dir.resolve("log.jsonl"), "{\"time\":\n{\"a\":1,}\n");
    Run r = run("report", policy.toString(), "--log", log.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err().lines())
        .containsExactly(
            "skipped "
                + log
                + ":1:9: not a JSON object: Unexpected end-of-input within/between Object entries",
            "skipped "
                + log
                + ":2:8: not a JSON object: Unexpected character ('}' (code 125)): was expecting"
                + " double-quote to start property name");
  }

  @Test
  void atSign_isAnOrdinaryValue_notAFileOfArguments() throws IOException {
    Path argsFile = Files.writeString(dir.resolve("args.txt"), policy.toString());
    Run r = run("validate", "@" + argsFile);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).startsWith("@" + argsFile + ":1:1: cannot read the file");
  }

  /** A subcommand that throws what it is given, as a bug or an unforeseen input would. */
  @Command(name = "boom")
  record Boom(RuntimeException thrown) implements Callable<Integer> {
    @Override
    public Integer call() {
      throw thrown;
    }
  }

  static Run runWith(Object extra, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cl =
        ToolgateCli.commandLine(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            extra);
    int code = Main.execute(cl, args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void exceptionFromACommand_oneLineNoStackTrace_exitTwoForBadInputOneOtherwise() {
    assertThat(runWith(new Boom(new IllegalArgumentException("no such\nthing")), "boom"))
        .isEqualTo(new Run(2, "", "toolgate boom: no such thing\n"));
    assertThat(
            runWith(
                new Boom(new UncheckedIOException("cannot read x", new IOException("x"))), "boom"))
        .isEqualTo(new Run(2, "", "toolgate boom: cannot read x\n"));
    assertThat(runWith(new Boom(new IllegalStateException()), "boom"))
        .isEqualTo(new Run(1, "", "toolgate boom: unexpected error: IllegalStateException\n"));
  }

  @Test
  void nonAsciiInUsageErrors_encodedLikeTheCommandsOutput() {
    assertThat(run("validate", "--caf\u00e9", policy.toString()).err())
        .startsWith("Unknown option: '--caf\u00e9'\n");
  }

  @Test
  void invalidPath_namedInWords() {
    Run r = run("validate", "a\u0000b");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "Invalid value for positional parameter at index 0..* (FILE): 'a\u0000b' is not a path")
        .doesNotContain("Exception");
  }
}
