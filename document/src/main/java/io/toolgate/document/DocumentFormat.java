package io.toolgate.document;

import java.util.Locale;

/** The two spellings of a policy document. */
public enum DocumentFormat {
  /** JSON. */
  JSON,
  /** YAML 1.2, without tags, anchors or aliases. */
  YAML;

  /** The format a file name implies: {@code .json} is JSON, everything else YAML. */
  public static DocumentFormat ofFileName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }
}
