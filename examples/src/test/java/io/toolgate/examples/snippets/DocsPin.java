package io.toolgate.examples.snippets;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import java.util.Map;

/** docs/mcp.md's pinning example, as shown there; {@link DocsSnippetsAssertTest} runs it. */
final class DocsPin {
  private DocsPin() {}

  static Policy run() {
    // snippet:pin begin
    ToolDefinition reviewed = new ToolDefinition("read_file", "Reads a file of the workspace.",
        Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string"))),
        Map.of("readOnlyHint", true));
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .allow("alice", "workspace/*")
        .pin(ToolId.parse("workspace/read_file"), reviewed.digest())   // "sha256:" + 64 hex digits
        .build();
    // snippet:pin end
    return policy;
  }
}
