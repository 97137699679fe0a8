package io.toolgate;

import io.toolgate.internal.JsonValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a tool's server says the tool is: its name, description, input schema and annotations.
 * This is what an approver reviewed; {@link #digest()} fingerprints it so that a policy can pin it
 * ({@link Policy.Builder#pin}) and a later change (a "rug pull": the same name, a new description
 * or schema) is denied with {@link Reason#TOOL_DEFINITION_CHANGED} until it is approved again.
 * Immutable; schema and annotations are deep-copied.
 *
 * <p>The digest is {@code sha256:} and the lowercase hex SHA-256 of a canonical JSON object
 * {@code {"annotations":...,"description":...,"inputSchema":...,"name":...}}: keys sorted at every
 * level, no whitespace, integers written without a fraction. Two definitions that differ only in
 * key order have the same digest. Annotations are part of what is pinned but never grant
 * anything: they are hints from the server.
 *
 * @param name the tool's name as its server exposes it (without the Toolgate server part)
 * @param description the description shown to the model; empty when the server gives none
 * @param inputSchema the JSON schema of the arguments, as JSON-like values
 * @param annotations the server's annotations (MCP {@code readOnlyHint}, {@code title}, ...)
 */
public record ToolDefinition(String name, String description, Map<String, Object> inputSchema,
    Map<String, Object> annotations) {
  private static final String PREFIX = "sha256:";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Validates and deep-copies. */
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a tool definition needs a name");
    }
    Objects.requireNonNull(description, "description");
    inputSchema = JsonValues.freezeMap(inputSchema, "inputSchema of " + name);
    annotations = JsonValues.freezeMap(annotations, "annotations of " + name);
  }

  /** The digest to pin: {@code sha256:} followed by 64 lowercase hex digits. */
  public String digest() {
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("name", name);
    canonical.put("description", description);
    canonical.put("inputSchema", sorted(inputSchema));
    canonical.put("annotations", sorted(annotations));
    byte[] json = JSON.writeValueAsBytes(canonical);
    try {
      return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Recursively replaces maps by key-sorted maps; values are already frozen JSON-like values. */
  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put((String) k, sorted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return value;
  }

  /**
   * Checks the form of a digest.
   *
   * @return the digest
   * @throws IllegalArgumentException unless it is {@code sha256:} and 64 lowercase hex digits
   */
  static String checkDigest(String digest) {
    Objects.requireNonNull(digest, "digest");
    boolean ok = digest.length() == PREFIX.length() + 64 && digest.startsWith(PREFIX);
    for (int i = PREFIX.length(); ok && i < digest.length(); i++) {
      char c = digest.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "a definition digest is 'sha256:' and 64 lowercase hex digits, was '" + digest + "'");
    }
    return digest;
  }
}
