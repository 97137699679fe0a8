package io.toolgate;

import io.toolgate.internal.CanonicalJson;
import io.toolgate.internal.Digests;
import io.toolgate.internal.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a tool's server says the tool is: the whole definition as the server lists it (for MCP:
 * {@code name}, {@code title}, {@code description}, {@code inputSchema}, {@code outputSchema},
 * {@code annotations}, {@code icons}, {@code _meta} and any member a later protocol version adds).
 * This is what an approver reviewed; {@link #digest()} fingerprints it so that a policy can pin it
 * ({@link Policy.Builder#pin}) and a later change (a "rug pull": the same name, a new title,
 * description, schema, annotation, icon or metadata) is denied with {@link
 * Reason#TOOL_DEFINITION_CHANGED} until it is approved again. Immutable; every value is
 * deep-copied.
 *
 * <p>The digest is {@code sha256:} and the lowercase hex SHA-256 of the UTF-8 bytes of {@link
 * #canonicalJson()}: the definition as one JSON object in the style of RFC 8785 (JCS), with keys
 * sorted at every level, no whitespace, and one spelling per number ({@code 1}, {@code 1.0} and
 * {@code 1.00} are all {@code 1}). Two definitions that differ only in key order, whitespace or
 * number spelling have the same digest; every other difference in any member changes it. No member
 * is left out: a server that varies a member from one listing to the next cannot be pinned.
 * Annotations are part of what is pinned but never grant anything: they are hints from the server.
 *
 * @param name the tool's name as its server exposes it (without the Toolgate server part)
 * @param description the description shown to the model; empty when the server gives none
 * @param inputSchema the JSON schema of the arguments, as JSON-like values
 * @param annotations the server's annotations (MCP {@code readOnlyHint}, {@code title}, ...)
 * @param otherMembers every other member of the definition, by its JSON name ({@code title}, {@code
 *     outputSchema}, {@code icons}, {@code _meta}, ...); never one of the four above
 */
public record ToolDefinition(
    String name,
    String description,
    Map<String, Object> inputSchema,
    Map<String, Object> annotations,
    Map<String, Object> otherMembers) {
  private static final String PREFIX = "sha256:";
  private static final Set<String> FIXED =
      Set.of("name", "description", "inputSchema", "annotations");

  /** Validates and deep-copies. */
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a tool definition needs a name");
    }
    Objects.requireNonNull(description, "description");
    inputSchema = JsonValues.freezeMap(inputSchema, "inputSchema of " + name);
    annotations = JsonValues.freezeMap(annotations, "annotations of " + name);
    otherMembers = JsonValues.freezeMap(otherMembers, "definition of " + name);
    for (String key : otherMembers.keySet()) {
      if (FIXED.contains(key)) {
        throw new IllegalArgumentException(
            "'"
                + key
                + "' of "
                + name
                + " has its own component; it is not one of the other members");
      }
    }
  }

  /** A definition of only a name, description, input schema and annotations. */
  public ToolDefinition(
      String name,
      String description,
      Map<String, Object> inputSchema,
      Map<String, Object> annotations) {
    this(name, description, inputSchema, annotations, Map.of());
  }

  /**
   * The definition of a tool as its JSON object (an MCP {@code tools/list} entry, parsed into maps,
   * lists, strings, numbers and booleans). Members whose value is null are treated as absent;
   * {@code description}, {@code inputSchema} and {@code annotations} default to empty.
   *
   * @throws IllegalArgumentException if {@code name} is not a non-empty string, a fixed member has
   *     the wrong type, or a value is not JSON-like
   */
  public static ToolDefinition fromJson(Map<String, ?> json) {
    Map<String, Object> rest = new LinkedHashMap<>();
    json.forEach(
        (k, v) -> {
          if (v != null) {
            rest.put(k, v);
          }
        });
    if (!(rest.remove("name") instanceof String name)) {
      throw new IllegalArgumentException("a tool definition needs a string 'name'");
    }
    Object description = rest.remove("description");
    Object schema = rest.remove("inputSchema");
    Object annotations = rest.remove("annotations");
    if (description != null && !(description instanceof String)) {
      throw new IllegalArgumentException("'description' of " + name + " is not a string");
    }
    return new ToolDefinition(
        name,
        description == null ? "" : (String) description,
        object(schema, "inputSchema", name),
        object(annotations, "annotations", name),
        rest);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what, String name) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException("'" + what + "' of " + name + " is not an object");
  }

  /**
   * The whole definition as one JSON object: {@code name}, {@code description}, {@code inputSchema}
   * and {@code annotations} (always present, possibly empty) and the other members.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("description", description);
    json.put("inputSchema", inputSchema);
    json.put("annotations", annotations);
    json.putAll(otherMembers);
    return json;
  }

  /** The canonical JSON text of {@link #toJson()} that {@link #digest()} hashes. */
  public String canonicalJson() {
    return CanonicalJson.write(toJson());
  }

  /** The digest to pin: {@code sha256:} followed by 64 lowercase hex digits. */
  public String digest() {
    return PREFIX + Digests.sha256Hex(canonicalJson());
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
