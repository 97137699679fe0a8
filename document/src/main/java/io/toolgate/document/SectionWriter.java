package io.toolgate.document;

/** Where a {@link PolicySection} writes its module's part of an exported document. */
public interface SectionWriter {
  /** Sets a top-level section to a JSON-like value (maps, lists, strings, numbers, booleans). */
  void section(String name, Object value);

  /** Adds a field with a JSON-like value to a principal's entry. */
  void principalField(String principalId, String field, Object value);
}
