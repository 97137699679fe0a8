package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScalarPositionsTest {

  static Location locate(
      String doc, DocumentFormat format, int line, int column, String value, int offset) {
    ScalarPositions positions = new ScalarPositions(doc.getBytes(StandardCharsets.UTF_8), format);
    return positions.locate(new DocNode.Scalar(new Location("d", line, column), value), offset);
  }

  @Test
  void locate_yamlPlainScalar_addsTheOffset() {
    String doc = "a: 1\nwhen: args.x <= 10\n";
    assertThat(locate(doc, DocumentFormat.YAML, 2, 7, "args.x <= 10", 5))
        .isEqualTo(new Location("d", 2, 12));
  }

  @Test
  void locate_yamlDoubleQuotedWithEscapes_countsEachEscapeAsOneChar() {
    String doc = "when: \"a == \\\"b\\\" && c\"\n";
    // offset 9 of 'a == "b" && c' is the first '&', at column 19 after two two-char escapes
    assertThat(locate(doc, DocumentFormat.YAML, 1, 7, "a == \"b\" && c", 9))
        .isEqualTo(new Location("d", 1, 19));
    assertThat(locate(doc, DocumentFormat.YAML, 1, 7, "a == \"b\" && c", 0))
        .isEqualTo(new Location("d", 1, 8));
  }

  @Test
  void locate_yamlSingleQuotedWithDoubledQuote_mapsPastIt() {
    String doc = "when: 'x == ''y'' || z'\n";
    // value: x == 'y' || z ; offset 12 is z
    assertThat(locate(doc, DocumentFormat.YAML, 1, 7, "x == 'y' || z", 12))
        .isEqualTo(new Location("d", 1, 22));
  }

  @Test
  void locate_jsonStringWithUnicodeEscape_mapsPastIt() {
    String doc = "{\"when\": \"\\u0061 == 1\"}";
    assertThat(locate(doc, DocumentFormat.JSON, 1, 10, "a == 1", 2))
        .isEqualTo(new Location("d", 1, 18));
  }

  @Test
  void locate_blockScalarOrMismatch_answersTheNodeLocation() {
    String block = "when: |\n  args.x <= 10\n";
    assertThat(locate(block, DocumentFormat.YAML, 1, 7, "args.x <= 10\n", 3))
        .isEqualTo(new Location("d", 1, 7));
    String folded = "when: \"a &&\n  b\"\n";
    assertThat(locate(folded, DocumentFormat.YAML, 1, 7, "a && b", 5))
        .isEqualTo(new Location("d", 1, 7));
    assertThat(locate("when: other\n", DocumentFormat.YAML, 1, 7, "value", 1))
        .isEqualTo(new Location("d", 1, 7));
    assertThat(locate("when: x\n", DocumentFormat.YAML, 1, 7, "x", 5))
        .isEqualTo(new Location("d", 1, 7));
  }

  @Test
  void locate_offsetAtTheEnd_pointsPastTheValue() {
    assertThat(locate("when: \"f(\"\n", DocumentFormat.YAML, 1, 7, "f(", 2))
        .isEqualTo(new Location("d", 1, 10));
    assertThat(locate("when: 'f('\n", DocumentFormat.YAML, 1, 7, "f(", 2))
        .isEqualTo(new Location("d", 1, 10));
    assertThat(locate("when: f(\n", DocumentFormat.YAML, 1, 7, "f(", 2))
        .isEqualTo(new Location("d", 1, 9));
  }
}
