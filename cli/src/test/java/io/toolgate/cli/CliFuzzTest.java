package io.toolgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Random bad (and some good) argument vectors for every command but {@code demo} and {@code
 * mcp-server}: the tool never prints a stack trace or a library's internals, never lets an
 * exception escape, and exits 0, 1 or 2 only, or 3 for a {@code diff} that is not exact (as its
 * usage says); a usage error is exactly one line and a hint on stderr, with exit 2.
 */
@StatisticsReport(onFailureOnly = true)
class CliFuzzTest {
  /** Every file the fuzzer names lives here, so no command writes anywhere else. */
  static final Path DIR = tempDir();

  static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("toolgate-cli-fuzz");
      Files.writeString(dir.resolve("policy.yaml"), PolicyCliTest.POLICY);
      Files.writeString(dir.resolve("bad.yaml"), "version: 1\nprincipals: [");
      Files.writeString(
          dir.resolve("requests.jsonl"),
          """
          {"principal":"payer","tool":"payments/transfer","args":{"amount":5},"expect":"ALLOW"}
          {"principal":
          {"principal":"payer","tool":"payments/transfer","args":{"amount":null}}
          """);
      Files.writeString(dir.resolve("log.jsonl"), "{\"not\":\"a decision\"}\n");
      Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\nnope\n");
      Files.createDirectories(dir.resolve("policy.yaml.sig.d"));
      Files.createDirectories(dir.resolve("folder"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void removeTempDir() throws IOException {
    try (var files = Files.walk(DIR)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static final List<String> COMMANDS =
      List.of(
          "validate",
          "check",
          "sign",
          "verify",
          "keygen",
          "report",
          "diff",
          "tighten",
          "help",
          "generate-completion",
          "--help",
          "--version",
          "nope",
          "");
  static final List<String> FLAGS =
      List.of(
          "--policy",
          "--principal",
          "--via",
          "--tool",
          "--resource",
          "--args",
          "--env",
          "--requests",
          "--trusted-key",
          "--expect",
          "--key",
          "--log",
          "--json",
          "--min-siblings",
          "--out",
          "--bogus",
          "--help",
          "-h",
          "--version",
          "-x",
          "--");

  /** Values: files that exist, are missing, are folders or garbage; JSON good and bad; ids. */
  static List<String> values() {
    List<String> v = new ArrayList<>();
    for (String f :
        List.of(
            "policy.yaml",
            "bad.yaml",
            "requests.jsonl",
            "log.jsonl",
            "garbage.pem",
            "folder",
            "missing.yaml",
            "missing/deeper/x")) {
      v.add(DIR.resolve(f).toString());
    }
    v.addAll(
        List.of(
            "{\"amount\":null}",
            "{\"amount\":5000,\"amount\":5}",
            "{\"a\":1e400}",
            "[1]",
            "{",
            "null",
            "\"s\"",
            "{\"a\":{\"b\":{}}}",
            "payer",
            "alice",
            "triage-bot",
            "payments/transfer",
            "nope",
            "a/b/c",
            "repo:acme/api",
            "file:///docs/../etc",
            "-1",
            "0",
            "99999999999999999999",
            "",
            " ",
            "\u0000",
            "%zz"));
    return v;
  }

  @Provide
  Arbitrary<List<String>> vectors() {
    // Some options are given as --opt=value, which must parse like --opt value.
    Arbitrary<String> joined =
        Combinators.combine(Arbitraries.of(FLAGS), Arbitraries.of(values()))
            .as((f, v) -> f + "=" + v);
    Arbitrary<String> token =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.of(FLAGS)),
            net.jqwik.api.Tuple.of(1, joined),
            net.jqwik.api.Tuple.of(4, Arbitraries.of(values())));
    return Combinators.combine(Arbitraries.of(COMMANDS), token.list().ofMaxSize(8))
        .as(
            (c, rest) -> {
              List<String> all = new ArrayList<>();
              all.add(c);
              // keygen and tighten write to --out: only ever into the fuzzer's folder.
              for (int i = 0; i < rest.size(); i++) {
                all.add(rest.get(i));
                if (rest.get(i).startsWith("--out=")) {
                  all.set(all.size() - 1, "--out=" + DIR.resolve("joined" + i));
                } else if (rest.get(i).equals("--out")) {
                  all.add(DIR.resolve(i % 2 == 0 ? "out" + i : "missing/out" + i).toString());
                  i++;
                }
              }
              return all;
            });
  }

  @Property(tries = 300)
  void run_randomArgumentVectors_neverStackTraceAndExitAsDocumented(
      @ForAll("vectors") List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String errText = err.toString(StandardCharsets.UTF_8);
    String outText = out.toString(StandardCharsets.UTF_8);
    Statistics.label("exit").collect(code);
    boolean usageError = errText.contains("\ntry 'java -jar toolgate.jar");
    Statistics.label("usage error").collect(usageError);
    if (usageError) {
      assertThat(code).as("%s", args).isEqualTo(2);
      assertThat(errText.lines()).as("%s", args).hasSize(2);
      assertThat(errText.lines().toList().get(1))
          .as("%s", args)
          .matches("try 'java -jar toolgate.jar( [a-z-]+)? --help'");
    }
    if (args.get(0).equals("diff")) {
      assertThat(code).as("%s", args).isIn(0, 1, 2, 3);
    } else {
      assertThat(code).as("%s", args).isIn(0, 1, 2);
    }
    assertThat(errText + outText)
        .as("%s", args)
        .doesNotContain("\tat ", "Exception in", "Caused by", "Exception:");
    assertThat(errText)
        .as("%s", args)
        .doesNotContain("REDACTED", "tools.jackson", "picocli.", "java.lang.", "java.nio.");
    Statistics.label("exit")
        .coverage(
            cov -> {
              cov.check(0).count(n -> n > 0);
              cov.check(2).count(n -> n > 30);
            });
    Statistics.label("usage error")
        .coverage(
            cov -> {
              cov.check(true).count(n -> n > 30);
              cov.check(false).count(n -> n > 30);
            });
  }
}
