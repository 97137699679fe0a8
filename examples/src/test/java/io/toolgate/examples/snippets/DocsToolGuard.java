package io.toolgate.examples.snippets;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.guard.GuardResult;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.guard.ToolBody;
import io.toolgate.ToolCall;
import io.toolgate.guard.ToolGuard;
import io.toolgate.ToolId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** docs/mcp.md's ToolGuard example, as shown there; {@link DocsSnippetsAssertTest} runs it. */
final class DocsToolGuard {
  private DocsToolGuard() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(GuardResult<String> r, String text, Decision d, Decision escape) {}

  static Result run(Path root) throws IOException {
    // snippet:toolguard begin
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .allow("alice", List.of("fs/read_file"), List.of("file:///sandbox/**"))
        .build();
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    ToolGuard guard = ToolGuard.builder(engine)
        .resource("fs/read_file", "file:///sandbox/{+path}")   // a ResourceTemplate
        .resource("tracker/close_issue", "repo:{owner}/{repo}")
        .noResource("tracker/status")                          // acts on ResourceId.NONE, on purpose
        .build();

    DelegationChain chain = DelegationChain.of("alice");
    ToolCall call = ToolCall.of(chain, ToolId.parse("fs/read_file"), Map.of("path", "notes/a.txt"));
    // root: the sandbox directory; the allowed resource is file:///sandbox/notes/a.txt
    ToolBody<String, IOException> body = allowed -> Files.readString(
        root.resolve(allowed.resource().value().substring("file:///sandbox/".length())));
    GuardResult<String> r = guard.call(call, body);
    if (r instanceof GuardResult.Denied<String> denied) {
      System.err.println("denied: " + denied.decision().reason());
    }
    String text = guard.invoke(call, body);        // the throwing form: AccessDeniedException
    Decision d = guard.decide(call);               // decide without running anything
    Decision escape = guard.decide(ToolCall.of(chain, ToolId.parse("fs/read_file"),
        Map.of("path", "../etc/passwd")));         // DENY RESOURCE_UNRESOLVED
    // snippet:toolguard end
    return new Result(r, text, d, escape);
  }
}
