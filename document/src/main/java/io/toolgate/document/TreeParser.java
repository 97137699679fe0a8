package io.toolgate.document;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Parses a document into located {@link DocNode}s with Jackson's streaming parser, enforcing the
 * {@link DocumentLimits} as it goes. No data binding, no polymorphic typing, and no YAML tags,
 * anchors or aliases: a tag that would create an object elsewhere is an error here.
 */
final class TreeParser {
  private final DocumentLimits limits;
  private final TokenStreamFactory json;
  private final TokenStreamFactory yaml;

  TreeParser(DocumentLimits limits) {
    this.limits = limits;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            // One more than the limit, so that this parser's own located check fires first.
            .maxNestingDepth(limits.maxDepth() + 1)
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(Math.min(limits.maxStringLength(), 1024))
            .maxDocumentLength(limits.maxBytes())
            .maxTokenCount(limits.maxTokens())
            .maxNumberLength(100)
            .build();
    this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
    // snakeyaml-engine has its own size limit (3 MiB by default): align it with ours.
    org.snakeyaml.engine.v2.api.LoadSettings yamlSettings =
        org.snakeyaml.engine.v2.api.LoadSettings.builder()
            .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
            .setMaxAliasesForCollections(0)
            .setAllowDuplicateKeys(true) // reported by this parser, with both locations
            .build();
    this.yaml =
        YAMLFactory.builder().streamReadConstraints(constraints).loadSettings(yamlSettings).build();
    this.yamlSettings = yamlSettings;
  }

  private final org.snakeyaml.engine.v2.api.LoadSettings yamlSettings;

  /**
   * Jackson reports anchors on collections but not on scalars ({@code type: &t user}), so YAML that
   * holds an {@code &} at all is scanned once more at the event level for scalar anchors. A syntax
   * error ends the scan quietly: the main parse reports it with its location.
   */
  private boolean scalarAnchors(String source, byte[] bytes, Problems problems) {
    boolean found = false;
    if (indexOf(bytes, (byte) '&') < 0) {
      return false;
    }
    try {
      org.snakeyaml.engine.v2.parser.ParserImpl events =
          new org.snakeyaml.engine.v2.parser.ParserImpl(
              yamlSettings,
              new org.snakeyaml.engine.v2.scanner.StreamReader(
                  yamlSettings, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
      while (events.hasNext()) {
        org.snakeyaml.engine.v2.events.Event e = events.next();
        if (e instanceof org.snakeyaml.engine.v2.events.ScalarEvent scalar
            && scalar.getAnchor().isPresent()) {
          Location at =
              scalar
                  .getStartMark()
                  .map(m -> new Location(source, m.getLine() + 1, m.getColumn() + 1))
                  .orElse(new Location(source, 1, 1));
          problems.add(at, "YAML anchors and aliases are not allowed in a policy document");
          found = true;
        }
      }
    } catch (org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
      // reported by the main parse
    }
    return found;
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Parses {@code bytes}; returns null after recording the problem when it cannot. */
  DocNode parse(String source, byte[] bytes, DocumentFormat format, Problems problems) {
    if (bytes.length > limits.maxBytes()) {
      problems.addAtStart(
          "the document is larger than the limit of " + limits.maxBytes() + " bytes");
      return null;
    }
    TokenStreamFactory factory = format == DocumentFormat.JSON ? json : yaml;
    try (JsonParser p = factory.createParser(ObjectReadContext.empty(), bytes)) {
      Walk walk = new Walk(source, p, problems);
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.addAtStart("the document is empty; expected an object with 'version'");
        return null;
      }
      DocNode root;
      try {
        root = walk.node(first, 1);
      } catch (Abort a) {
        return null;
      }
      if (format == DocumentFormat.YAML && scalarAnchors(source, bytes, problems)) {
        walk.failed = true;
      }
      if (walk.failed) {
        return null;
      }
      if (p.nextToken() != null) {
        problems.add(walk.location(p), "unexpected content after the document's end");
        return null;
      }
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation l = e.getLocation();
      Location at =
          l == null
              ? new Location(source, 1, 1)
              : new Location(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
      problems.add(at, describe(e));
      return null;
    }
  }

  private String describe(JacksonException e) {
    String m = e.getOriginalMessage();
    if (e instanceof tools.jackson.core.exc.StreamConstraintsException) {
      return "the document breaks a limit: " + m;
    }
    int cut = m.indexOf('\n');
    return "syntax error: " + (cut > 0 ? m.substring(0, cut) : m).trim();
  }

  /** Stops the walk at the first broken limit: nothing after it is worth reading. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super(null, null, false, false);
    }
  }

  /** One pass over the tokens, building nodes and checking YAML features and duplicate keys. */
  private final class Walk {
    final String source;
    final JsonParser p;
    final Problems problems;
    boolean failed;

    Walk(String source, JsonParser p, Problems problems) {
      this.source = source;
      this.p = p;
      this.problems = problems;
    }

    Location location(JsonParser parser) {
      TokenStreamLocation l = parser.currentTokenLocation();
      return new Location(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Not every backend enforces the string limit while reading, so it is checked here too. */
    String checkLength(String s, Location at) {
      if (s.length() > limits.maxStringLength()) {
        problems.add(
            at,
            "a string of "
                + s.length()
                + " characters is longer than the limit of "
                + limits.maxStringLength());
        throw new Abort();
      }
      return s;
    }

    DocNode node(JsonToken token, int depth) {
      Location at = location(p);
      if (p instanceof YAMLParser y) {
        if (y.isCurrentAlias() || y.getObjectId() != null) {
          problems.add(at, "YAML anchors and aliases are not allowed in a policy document");
          failed = true;
        }
        Object tag = y.getTypeId();
        if (tag != null) {
          problems.add(at, "YAML tags are not allowed in a policy document (found '" + tag + "')");
          failed = true;
        }
      }
      if (depth > limits.maxDepth()
          && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
        problems.add(
            at, "the document nests deeper than the limit of " + limits.maxDepth() + " levels");
        throw new Abort();
      }
      switch (token) {
        case START_OBJECT:
          {
            Map<String, DocNode.Field> fields = new LinkedHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
              String key = p.currentName();
              Location keyAt = location(p);
              checkLength(key, keyAt);
              DocNode value = node(p.nextToken(), depth + 1);
              DocNode.Field previous = fields.putIfAbsent(key, new DocNode.Field(keyAt, value));
              if (previous != null) {
                problems.add(
                    keyAt,
                    "duplicate key '"
                        + key
                        + "' (first at line "
                        + previous.keyLocation().line()
                        + ")");
              }
            }
            return new DocNode.Obj(at, java.util.Collections.unmodifiableMap(fields));
          }
        case START_ARRAY:
          {
            List<DocNode> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
              items.add(node(t, depth + 1));
            }
            return new DocNode.Arr(at, java.util.Collections.unmodifiableList(items));
          }
        case VALUE_STRING:
          return new DocNode.Scalar(at, checkLength(p.getString(), at));
        case VALUE_TRUE:
          return new DocNode.Scalar(at, Boolean.TRUE);
        case VALUE_FALSE:
          return new DocNode.Scalar(at, Boolean.FALSE);
        case VALUE_NULL:
          return new DocNode.Scalar(at, null);
        case VALUE_NUMBER_INT:
          {
            BigInteger big = p.getBigIntegerValue();
            return new DocNode.Scalar(at, big.bitLength() < 64 ? (Object) big.longValue() : big);
          }
        case VALUE_NUMBER_FLOAT:
          {
            BigDecimal d = p.getDecimalValue();
            double v = d.doubleValue();
            return new DocNode.Scalar(at, Double.isInfinite(v) ? (Object) d : (Object) v);
          }
        default:
          problems.add(at, "unexpected " + token + " in a policy document");
          failed = true;
          return new DocNode.Scalar(at, null);
      }
    }
  }
}
