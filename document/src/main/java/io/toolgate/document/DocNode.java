package io.toolgate.document;

import java.util.List;
import java.util.Map;

/**
 * A node of a parsed policy document that remembers where it came from, so every error can name its
 * file, line and column. Immutable. The shapes are closed: objects, arrays and scalars.
 */
public sealed interface DocNode permits DocNode.Obj, DocNode.Arr, DocNode.Scalar {
  /** Where the node starts. */
  Location location();

  /** A readable name of the node's kind, for messages ("an object", "a string", ...). */
  String kind();

  /**
   * An object: its fields in document order.
   *
   * @param location where the object starts
   * @param fields the fields, in document order, each with the location of its key
   */
  record Obj(Location location, Map<String, Field> fields) implements DocNode {
    @Override
    public String kind() {
      return "an object";
    }
  }

  /** One field of an object: where its key is, and its value. */
  record Field(Location keyLocation, DocNode value) {}

  /**
   * An array.
   *
   * @param location where the array starts
   * @param items the items, in order
   */
  record Arr(Location location, List<DocNode> items) implements DocNode {
    @Override
    public String kind() {
      return "an array";
    }
  }

  /**
   * A scalar: a {@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code
   * java.math.BigInteger} or {@code java.math.BigDecimal}, or null for a null.
   *
   * @param location where the scalar is
   * @param value the value, or null
   */
  record Scalar(Location location, Object value) implements DocNode {
    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      return "a number";
    }
  }
}
