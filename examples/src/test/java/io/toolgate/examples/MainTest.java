package io.toolgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples' jar: the tool's commands, with demo and mcp-server added to the same parser. */
class MainTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void help_listsTheToolsCommandsAndDemoAndMcpServer() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("(?m)^  check +\\S")
        .containsPattern("(?m)^  demo +\\S")
        .containsPattern("(?m)^  mcp-server +\\S")
        .containsPattern("(?m)^  generate-completion +\\S");
    assertThat(run("generate-completion").out()).contains("demo", "mcp-server", "--policy");
  }

  @Test
  void demoAndMcpServerHelp_describeThem_withoutRunningThem() {
    Run demo = run("demo", "--help");
    assertThat(demo).isEqualTo(run("help", "demo"));
    assertThat(demo.code()).isZero();
    assertThat(demo.out()).contains("Usage: toolgate demo [-h]").doesNotContain("ALLOW");
    Run server = run("mcp-server", "--help");
    assertThat(server.code()).isZero();
    assertThat(server.err()).isEmpty();
    assertThat(server.out())
        .contains("Usage: toolgate mcp-server", "--sandbox DIR", "--user USER", "--http PORT");
  }

  @Test
  void mcpServer_argumentsPassUnparsedToTheServer_whichRefusesWhatItDoesNotKnow() {
    Run r = run("mcp-server", "--sandbox", dir.toString(), "--frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    // The server's own words, not picocli's: picocli did not parse the options.
    assertThat(r.err()).contains("--frobnicate").doesNotContain("try 'java -jar toolgate.jar");
  }

  @Test
  void toolCommands_runAsInTheToolsOwnJar() {
    Run r = run("check", "--policy", "p.yaml", "--bogus");
    assertThat(r)
        .isEqualTo(
            new Run(
                2, "", "Unknown option: '--bogus'\ntry 'java -jar toolgate.jar check --help'\n"));
  }
}
