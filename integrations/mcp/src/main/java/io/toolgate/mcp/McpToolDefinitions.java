package io.toolgate.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts MCP tool definitions into {@link ToolDefinition}s, whose digests a policy pins, and
 * lists a server's tools page by page.
 */
public final class McpToolDefinitions {
  private McpToolDefinitions() {}

  /**
   * The definition an approver reviews: the whole tool as the SDK writes it on the wire (name,
   * title, description, input and output schema, annotations, icons, {@code _meta}, and any member
   * a later SDK adds), so every field a client or model reads is pinned. Null values are dropped
   * (the SDK writes none), so a definition read back from the wire has the digest the server
   * computed from the same tool.
   */
  public static ToolDefinition of(McpSchema.Tool tool) {
    Map<String, Object> json =
        McpJsonDefaults.getMapper().convertValue(tool, new TypeRef<Map<String, Object>>() {});
    return ToolDefinition.fromJson(withoutNulls(json));
  }

  /**
   * Every tool the server lists now, following pagination cursors (at most 1,000 pages, so a server
   * that keeps returning cursors cannot keep the caller busy forever).
   */
  public static List<McpSchema.Tool> listAll(McpSyncClient client) {
    List<McpSchema.Tool> tools = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1_000; page++) {
      McpSchema.ListToolsResult r = cursor == null ? client.listTools() : client.listTools(cursor);
      tools.addAll(r.tools());
      cursor = r.nextCursor();
      if (cursor == null || cursor.isEmpty()) {
        return tools;
      }
    }
    throw new IllegalStateException("the server kept returning cursors after 1,000 pages of tools");
  }

  /**
   * The digests of the tools a server lists now, by Toolgate tool id ({@code server/name}): what an
   * approver pins into the policy ({@code Policy.Builder.pin}) after reviewing them.
   */
  public static Map<ToolId, String> approve(McpSyncClient client, String server) {
    Map<ToolId, String> pins = new LinkedHashMap<>();
    for (McpSchema.Tool t : listAll(client)) {
      pins.put(ToolId.of(server, t.name()), of(t).digest());
    }
    return pins;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutNulls(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, withoutNulls(v));
          }
        });
    return out;
  }

  private static Object withoutNulls(Object value) {
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      return withoutNulls(typed);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.stream().filter(v -> v != null).forEach(v -> out.add(withoutNulls(v)));
      return out;
    }
    return value;
  }
}
