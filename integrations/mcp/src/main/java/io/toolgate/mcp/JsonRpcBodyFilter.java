package io.toolgate.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.document.StrictJson;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads each POSTed MCP message before the SDK's transport does and answers the ones it cannot take
 * with a JSON-RPC error, so no client gets a serialized Java exception or an empty reply:
 *
 * <ul>
 *   <li>not JSON: {@code -32700} parse error, HTTP 400, id null;
 *   <li>not a JSON-RPC 2.0 object (a batch, a string, no {@code jsonrpc}): {@code -32600} invalid
 *       request, HTTP 400;
 *   <li>a request whose {@code params} is not an object, a {@code tools/call} without a string
 *       {@code name} or with {@code arguments} that are not an object, or a key repeated anywhere
 *       (read strictly, as {@link StrictJson}): {@code -32602} invalid params, HTTP 200 with the
 *       request's id, so the client's call fails at once.
 * </ul>
 *
 * <p>Everything else reaches the SDK unchanged. Messages name the problem and its position, never
 * server internals.
 */
public final class JsonRpcBodyFilter implements Filter {
  /** The SDK transport's own default limit. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  /** Reads a message that {@link StrictJson} refused for a repeated key, only to find its id. */
  private static final JsonMapper LENIENT = JsonMapper.builder().build();

  /** A filter to install in front of the SDK's Streamable HTTP servlet, for every request. */
  public JsonRpcBodyFilter() {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!"POST".equals(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      ((HttpServletResponse) response).sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    Charset charset =
        http.getCharacterEncoding() == null
            ? StandardCharsets.UTF_8
            : Charset.forName(http.getCharacterEncoding());
    String text = new String(body, charset);
    HttpServletResponse out = (HttpServletResponse) response;
    Object message;
    try {
      message = StrictJson.readValue(text);
    } catch (IllegalArgumentException strict) {
      Object id = idOfLenient(text);
      if (id != null) {
        reply(
            out,
            HttpServletResponse.SC_OK,
            id,
            McpSchema.ErrorCodes.INVALID_PARAMS,
            "Invalid params: " + strict.getMessage());
      } else {
        reply(
            out,
            HttpServletResponse.SC_BAD_REQUEST,
            null,
            McpSchema.ErrorCodes.PARSE_ERROR,
            "Parse error: " + strict.getMessage());
      }
      return;
    }
    String invalid = invalidRequest(message);
    if (invalid != null) {
      reply(
          out,
          HttpServletResponse.SC_BAD_REQUEST,
          null,
          McpSchema.ErrorCodes.INVALID_REQUEST,
          "Invalid Request: " + invalid);
      return;
    }
    Map<?, ?> m = (Map<?, ?>) message;
    String params = invalidParams(m);
    if (params != null) {
      Object id = m.get("id");
      reply(
          out,
          id == null ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_OK,
          id,
          McpSchema.ErrorCodes.INVALID_PARAMS,
          "Invalid params: " + params);
      return;
    }
    chain.doFilter(new Replayed(http, body), response);
  }

  /** Why a parsed value is not a single JSON-RPC 2.0 message, or null. */
  private static String invalidRequest(Object message) {
    if (!(message instanceof Map<?, ?> m)) {
      return "not a JSON-RPC message object (batches are not supported)";
    }
    if (!McpSchema.JSONRPC_VERSION.equals(m.get("jsonrpc"))) {
      return "\"jsonrpc\" must be \"2.0\"";
    }
    Object id = m.get("id");
    if (id != null && !(id instanceof String) && !(id instanceof Number)) {
      return "\"id\" must be a string or a number";
    }
    Object method = m.get("method");
    if (method != null && !(method instanceof String)) {
      return "\"method\" must be a string";
    }
    return null;
  }

  /** Why a request's params are unusable, or null. */
  private static String invalidParams(Map<?, ?> m) {
    Object method = m.get("method");
    Object params = m.get("params");
    if (method == null || params == null) {
      return null;
    }
    if (!(params instanceof Map<?, ?> p)) {
      return "\"params\" must be an object";
    }
    if (McpSchema.METHOD_TOOLS_CALL.equals(method)) {
      if (!(p.get("name") instanceof String)) {
        return "a tools/call needs a string \"name\"";
      }
      Object arguments = p.get("arguments");
      if (arguments != null && !(arguments instanceof Map)) {
        return "\"arguments\" must be a JSON object";
      }
    }
    return null;
  }

  /** The id of a request that parses when repeated keys are allowed, or null. */
  private static Object idOfLenient(String text) {
    try {
      Object value = LENIENT.readValue(text, Object.class);
      if (value instanceof Map<?, ?> m
          && m.get("method") instanceof String
          && (m.get("id") instanceof String || m.get("id") instanceof Number)) {
        return m.get("id");
      }
    } catch (JacksonException notJson) {
      // not JSON at all: a parse error
    }
    return null;
  }

  private static void reply(
      HttpServletResponse response, int status, Object id, int code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(StrictJson.mapper().writeValueAsString(McpJson.errorResponse(id, code, message)));
    response.getWriter().flush();
  }

  /** The request with its body, already read here, readable again by the transport. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was already read; read it synchronously");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      Charset charset =
          getCharacterEncoding() == null
              ? StandardCharsets.UTF_8
              : Charset.forName(getCharacterEncoding());
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
