package io.toolgate.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.document.StrictJson;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper for the MCP SDK's transports, server and client: {@link StrictJson}'s reading (a
 * repeated key refused at any depth, numbers kept exact, so a tool's arguments reach the guard as
 * sent), and an {@link McpError} written as the JSON-RPC error response it stands for ({@code
 * {"jsonrpc":"2.0","id":null,"error":{"code":..,"message":..}}}) instead of a serialized Java
 * exception with its stack trace. Immutable and thread-safe.
 */
public final class McpJson {
  private static final McpJsonMapper MAPPER =
      new JacksonMcpJsonMapper(
          StrictJson.configure(JsonMapper.builder())
              .addModule(
                  new SimpleModule("toolgate-mcp-errors")
                      .addSerializer(McpError.class, new ErrorSerializer()))
              .build());

  private McpJson() {}

  /** The mapper to give {@code jsonMapper(...)} of the SDK's transports. */
  public static McpJsonMapper mapper() {
    return MAPPER;
  }

  /**
   * A JSON-RPC error response.
   *
   * @param id the request's id, or null when it could not be read
   */
  static Map<String, Object> errorResponse(Object id, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    response.put("id", id);
    response.put("error", error);
    return response;
  }

  /**
   * An error's text up to its first detail: the SDK appends exception messages ({@code "Invalid
   * message format: " + ...}) that may name classes of the server.
   */
  static String summary(String message) {
    if (message == null || message.isBlank()) {
      return "Internal error";
    }
    int cut = message.length();
    for (String stop : new String[] {": ", "\n"}) {
      int i = message.indexOf(stop);
      if (i > 0) {
        cut = Math.min(cut, i);
      }
    }
    return message.substring(0, cut);
  }

  /** Writes an {@link McpError} as a JSON-RPC error response without an id. */
  private static final class ErrorSerializer extends ValueSerializer<McpError> {
    @Override
    public void serialize(McpError value, JsonGenerator gen, SerializationContext context) {
      McpSchema.JSONRPCResponse.JSONRPCError error = value.getJsonRpcError();
      gen.writeStartObject();
      gen.writeStringProperty("jsonrpc", McpSchema.JSONRPC_VERSION);
      gen.writeNullProperty("id");
      gen.writeName("error");
      gen.writeStartObject();
      gen.writeNumberProperty(
          "code", error == null ? McpSchema.ErrorCodes.INTERNAL_ERROR : error.code());
      gen.writeStringProperty(
          "message", summary(error == null ? value.getMessage() : error.message()));
      gen.writeEndObject();
      gen.writeEndObject();
    }
  }
}
