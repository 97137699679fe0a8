package io.toolgate.document;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON reader for call arguments and environments, shared by the command-line tool, the MCP
 * integration and the LangChain4j executor, so every way in reads a call alike:
 *
 * <ul>
 *   <li>a key given twice in one object, at any depth, is refused ({@code {"amount":5000,
 *       "amount":5}} would otherwise be decided on one value while a tool that keeps the first acts
 *       on the other), as policy documents already refuse it;
 *   <li>numbers stay exact: integers as {@code Integer}, {@code Long} or {@code BigInteger} by
 *       size, decimals as {@code BigDecimal}, so nothing is rounded before a condition compares it
 *       (toolgate-abac refuses a number no double holds exactly);
 *   <li>trailing content after the value is refused.
 * </ul>
 *
 * <p>Error messages are one line, with the line and column of the problem, and never carry an
 * excerpt of the input.
 */
public final class StrictJson {
  private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

  private StrictJson() {}

  /**
   * Applies the strict settings to a mapper builder (for a mapper that needs more, such as the MCP
   * SDK's), and returns it.
   */
  public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The strict mapper, immutable and thread-safe. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads a JSON object.
   *
   * @throws IllegalArgumentException with a one-line message if the text is not one JSON object, or
   *     repeats a key
   */
  public static Map<String, Object> readObject(String text) {
    Object value = readValue(text);
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  /**
   * Reads any JSON value: a map, list, string, number, boolean or null.
   *
   * @throws IllegalArgumentException with a one-line message if the text is not one JSON value, or
   *     repeats a key
   */
  public static Object readValue(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(describe(e), e);
    } catch (NumberFormatException e) {
      // A decimal whose exponent BigDecimal cannot hold: Jackson throws this, not its own kind.
      throw new IllegalArgumentException("not valid JSON: a number is out of range", e);
    }
  }

  /** A Jackson read error as one line: its own message and where, without the input. */
  public static String describe(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 1 ? "" : " at " + at.getLineNr() + ":" + at.getColumnNr();
    return "not valid JSON" + where + ": " + message(e);
  }

  /**
   * A Jackson read error's own message as one line, for people: without the location, without any
   * of the input, and without Jackson's class, token and setting names (which say how to relax the
   * parser, not what is wrong with the text).
   */
  public static String message(JacksonException e) {
    String m = String.valueOf(e.getOriginalMessage());
    int newline = m.indexOf('\n');
    if (newline >= 0) {
      m = m.substring(0, newline);
    }
    m =
        m.replaceAll("\\s*\\(start marker at \\[.*?\\]\\)", "")
            .replaceAll(",\\s*from `[^`]*`", "")
            .replaceAll(":?\\s*(?:enable|not allowed as per) `[^`]*`.*$", "")
            .replaceAll("\\s*\\((?:bound as )?`[^`]*`\\)", "")
            .replaceAll("\\s*\\([^()]*Feature[^()]*\\)", "")
            .replaceAll("`(?:[\\w$]+\\.)*([\\w$]+)(?:\\(\\))?`", "$1");
    int source = m.indexOf("[Source:");
    if (source >= 0) {
      m = m.substring(0, source);
    }
    m = m.strip();
    return m.isEmpty() ? "unexpected content" : m;
  }
}
