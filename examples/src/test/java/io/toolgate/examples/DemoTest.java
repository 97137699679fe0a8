package io.toolgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Effect;
import io.toolgate.Reason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void script_decisionsAreTheOnesTheNotesDescribe() {
    DecisionEngine engine = DecisionEngine.builder(Demo.policy()).build();
    List<Reason> reasons =
        Demo.script().stream().map(c -> engine.decide(c.request())).map(Decision::reason).toList();
    assertThat(reasons)
        .containsExactly(
            Reason.PERMITTED,
            Reason.PERMITTED,
            Reason.NOT_PERMITTED,
            Reason.EXPLICIT_DENY,
            Reason.NOT_PERMITTED,
            Reason.PERMITTED,
            Reason.NOT_PERMITTED,
            Reason.NOT_PERMITTED,
            Reason.PERMITTED,
            Reason.OUTSIDE_DELEGATION,
            Reason.OUTSIDE_DELEGATION,
            Reason.EXPLICIT_DENY,
            Reason.UNKNOWN_TOOL,
            Reason.UNKNOWN_PRINCIPAL);
  }

  @Test
  void run_printsEveryCallThenTheKillSwitchDenials() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("PRINCIPAL_INACTIVE at hop 1 (triage-bot)").contains("TOOL_DISABLED");
    assertThat(out.lines().filter(l -> l.startsWith(Effect.ALLOW.name())).count()).isEqualTo(4);
    assertThat(out.lines().filter(l -> l.startsWith(Effect.DENY.name())).count()).isEqualTo(12);
    // The MCP round trip: a real server and real clients over loopback HTTP, OAuth access tokens.
    assertThat(out)
        .contains("OAuth 2.1 access tokens (ES256 JWTs, sub -> act)")
        .contains("mcp   eve    no token -> HTTP 401")
        .contains("mcp   bob    tools/list -> create_issue, list_issues, read_file")
        .contains("mcp   alice  read_file notes.txt -> allowed: buy milk")
        .contains(
            "mcp   alice  delete_file protected/keep.txt -> denied EXPLICIT_DENY (refused by assistant)")
        .contains("protected/keep.txt still exists: true")
        .contains("read_file ../../etc/passwd -> denied RESOURCE_UNRESOLVED")
        .doesNotContain("MCP round trip failed");
  }

  @Test
  void main_unknownCommand_exitsTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"frobnicate"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command: frobnicate");
  }
}
