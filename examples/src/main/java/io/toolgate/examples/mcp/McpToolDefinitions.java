package io.toolgate.examples.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
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
   * The definition an approver reviews: name, description, input schema and the non-null
   * annotation hints. Null values inside the schema are dropped, so a definition read back from
   * the wire has the digest the server computed from the same tool.
   */
  public static ToolDefinition of(McpSchema.Tool tool) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    McpSchema.ToolAnnotations a = tool.annotations();
    if (a != null) {
      putIfNotNull(annotations, "title", a.title());
      putIfNotNull(annotations, "readOnlyHint", a.readOnlyHint());
      putIfNotNull(annotations, "destructiveHint", a.destructiveHint());
      putIfNotNull(annotations, "idempotentHint", a.idempotentHint());
      putIfNotNull(annotations, "openWorldHint", a.openWorldHint());
      putIfNotNull(annotations, "returnDirect", a.returnDirect());
    }
    Map<String, Object> schema = tool.inputSchema() == null ? Map.of() : withoutNulls(tool.inputSchema());
    return new ToolDefinition(tool.name(), tool.description() == null ? "" : tool.description(),
        schema, annotations);
  }

  /**
   * Every tool the server lists now, following pagination cursors (at most 1,000 pages, so a
   * server that keeps returning cursors cannot keep the caller busy forever).
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
   * The digests of the tools a server lists now, by Toolgate tool id ({@code server/name}): what
   * an approver pins into the policy ({@code Policy.Builder.pin}) after reviewing them.
   */
  public static Map<ToolId, String> approve(McpSyncClient client, String server) {
    Map<ToolId, String> pins = new LinkedHashMap<>();
    for (McpSchema.Tool t : listAll(client)) {
      pins.put(ToolId.of(server, t.name()), of(t).digest());
    }
    return pins;
  }

  private static void putIfNotNull(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutNulls(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
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
