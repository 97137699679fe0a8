package io.toolgate.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The document keys of Toolgate's own modules, by the Maven coordinates of the artifact that reads
 * them, so that a document using a module that is absent gets a hint naming the artifact to add.
 * Data, not code: the keys come from the resource {@code module-keys.json} next to this class, so
 * this module names no other module's keys. A key a present {@link PolicySection} reads is never
 * hinted.
 *
 * @param sections top-level keys, in the order they are listed, each with its artifact's
 *     coordinates ({@code io.toolgate:toolgate-rbac})
 * @param principalFields keys inside a principal entry, likewise
 */
record ModuleKeys(Map<String, String> sections, Map<String, String> principalFields) {
  /** The resource, relative to this class. */
  static final String RESOURCE = "module-keys.json";

  ModuleKeys {
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    principalFields = Collections.unmodifiableMap(new LinkedHashMap<>(principalFields));
  }

  /** The keys listed in {@link #RESOURCE}, read once. */
  static ModuleKeys known() {
    return Known.KEYS;
  }

  /**
   * The hint for a key of an absent module: {@code <where> '<key>' needs the toolgate-rbac module:
   * add io.toolgate:toolgate-rbac to the class path}.
   */
  static String hint(String where, String key, String coordinates) {
    String artifact = coordinates.substring(coordinates.indexOf(':') + 1);
    return where
        + " '"
        + key
        + "' needs the "
        + artifact
        + " module: add "
        + coordinates
        + " to the class path";
  }

  /**
   * Reads the resource: an object whose keys are artifact coordinates, each an object with the
   * lists {@code sections} and {@code principalFields}.
   */
  static ModuleKeys read(InputStream in) {
    LinkedHashMap<String, LinkedHashMap<String, List<String>>> byArtifact =
        JsonMapper.builder()
            .build()
            .readValue(
                in,
                new TypeReference<LinkedHashMap<String, LinkedHashMap<String, List<String>>>>() {});
    Map<String, String> sections = new LinkedHashMap<>();
    Map<String, String> fields = new LinkedHashMap<>();
    byArtifact.forEach(
        (coordinates, keys) -> {
          keys.getOrDefault("sections", List.of())
              .forEach(k -> sections.putIfAbsent(k, coordinates));
          keys.getOrDefault("principalFields", List.of())
              .forEach(k -> fields.putIfAbsent(k, coordinates));
        });
    return new ModuleKeys(sections, fields);
  }

  /** Holds the keys read from the resource on first use (immutable once read). */
  private static final class Known {
    static final ModuleKeys KEYS = load();

    private static ModuleKeys load() {
      try (InputStream in = ModuleKeys.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "resource " + RESOURCE + " is missing from toolgate-document");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
