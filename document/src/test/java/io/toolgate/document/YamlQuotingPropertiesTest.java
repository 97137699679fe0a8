package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Every string attribute (value or key) a policy holds reads back, after export and load, as the
 * same string: nothing a YAML reader resolves to a number, a boolean, a null or a date is written
 * plain.
 */
@StatisticsReport(onFailureOnly = true)
class YamlQuotingPropertiesTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of());

  /** Strings that look like something else in YAML 1.1 or 1.2, by kind. */
  static final Map<String, List<String>> TRICKY =
      Map.of(
          "number",
              List.of(
                  "1e3",
                  "1E3",
                  "1e+3",
                  "-1e3",
                  "1.",
                  "2e-2",
                  "1.5",
                  "-0",
                  "+1",
                  "0123",
                  "0o17",
                  "0x1F",
                  "0b101",
                  "1_000",
                  "1:30",
                  ".5",
                  "+.5",
                  "007",
                  "12",
                  "-12.5e-3"),
          "special-float", List.of(".inf", "-.inf", "+.INF", ".nan", ".NaN", ".NAN", ".Inf"),
          "boolean",
              List.of(
                  "true", "True", "TRUE", "false", "False", "yes", "Yes", "no", "NO", "on", "Off",
                  "y", "N"),
          "null", List.of("null", "Null", "NULL", "~", ""),
          "date",
              List.of(
                  "2026-01-01", "2001-12-14t21:59:43.10-05:00", "2026-01-01T00:00:00Z", "2026-1-1"),
          "yaml-indicator",
              List.of(
                  "<<",
                  "=",
                  "- a",
                  "a: b",
                  "#x",
                  "a #b",
                  "@x",
                  "`x",
                  "'x",
                  "\"x",
                  ">",
                  "|",
                  "%x",
                  "!x",
                  "&a",
                  "*a",
                  "? x",
                  " x",
                  "x ",
                  "[a]",
                  "{a}",
                  "a,b",
                  "\\",
                  "x\ny",
                  "tab\there"));

  @Provide
  Arbitrary<Tuple.Tuple2<String, String>> values() {
    Arbitrary<Tuple.Tuple2<String, String>> tricky =
        Arbitraries.of(TRICKY.keySet().stream().sorted().toList())
            .flatMap(kind -> Arbitraries.of(TRICKY.get(kind)).map(v -> Tuple.of(kind, v)));
    Arbitrary<Tuple.Tuple2<String, String>> random =
        Arbitraries.strings()
            .withChars("0123456789.eE+-_:xob~nulryestaf #'\"&*!|>%@`,[]{}?\t\\")
            .withCharRange('a', 'z')
            .ofMaxLength(12)
            .map(v -> Tuple.of("random", v));
    Arbitrary<Tuple.Tuple2<String, String>> unicode =
        Arbitraries.strings().ofMaxLength(8).map(v -> Tuple.of("unicode", v));
    return Arbitraries.frequencyOf(Tuple.of(6, tricky), Tuple.of(3, random), Tuple.of(1, unicode));
  }

  /** Keys are identifiers: not empty, no whitespace or control characters. */
  @Provide
  Arbitrary<Tuple.Tuple2<String, String>> keys() {
    return values()
        .filter(
            k ->
                !k.get2().isEmpty()
                    && k.get2()
                        .chars()
                        .noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)));
  }

  @Provide
  Arbitrary<DocumentFormat> formats() {
    return Arbitraries.of(DocumentFormat.class);
  }

  static Policy withAttribute(String key, String value) {
    return Policy.builder()
        .tool(new Tool(ToolId.parse("fs/read"), ToolAnnotations.UNANNOTATED, Map.of(key, value)))
        .resource(new Resource(ResourceId.of("file:///a"), Map.of(key, value)))
        .principal(
            Principal.user("alice").attribute(key, value).attribute("clearance", value).build())
        .allow("alice", "fs/*")
        .build();
  }

  @Property(tries = 1000)
  void write_thenLoad_everyStringAttributeReadsBackAsTheSameString(
      @ForAll("values") Tuple.Tuple2<String, String> value,
      @ForAll("keys") Tuple.Tuple2<String, String> key,
      @ForAll("formats") DocumentFormat format) {
    Statistics.label("value kind").collect(value.get1());
    Statistics.label("key kind").collect(key.get1());
    Statistics.label("quoted because a reader would resolve it")
        .collect(YamlQuoting.resolvesToNonString(value.get2()));
    Policy policy = withAttribute(key.get2(), value.get2());

    String text = WRITER.write(policy, format);
    Policy back = LOADER.load("roundtrip", text.getBytes(StandardCharsets.UTF_8), format, null);

    assertThat(back.principal("alice").orElseThrow().attributes())
        .isEqualTo(policy.principal("alice").orElseThrow().attributes());
    assertThat(back.tools())
        .singleElement()
        .satisfies(t -> assertThat(t.attributes()).isEqualTo(Map.of(key.get2(), value.get2())));
    assertThat(back.resources())
        .singleElement()
        .satisfies(r -> assertThat(r.attributes()).isEqualTo(Map.of(key.get2(), value.get2())));
    assertThat(back.version())
        .isEqualTo(
            LOADER
                .load(
                    "again",
                    WRITER.write(back, format).getBytes(StandardCharsets.UTF_8),
                    format,
                    null)
                .version());

    Statistics.label("value kind")
        .coverage(
            c -> {
              for (String kind :
                  List.of(
                      "number",
                      "special-float",
                      "boolean",
                      "null",
                      "date",
                      "yaml-indicator",
                      "random",
                      "unicode")) {
                c.check(kind).count(n -> n > 0);
              }
            });
    Statistics.label("quoted because a reader would resolve it")
        .coverage(
            c -> {
              c.check(true).count(n -> n > 0);
              c.check(false).count(n -> n > 0);
            });
  }

  @Example
  void write_yaml_quotesStringsThatWouldReadBackAsNumbers() {
    String text = WRITER.write(withAttribute("level", "1e3"), DocumentFormat.YAML);
    assertThat(text).contains("clearance: \"1e3\"").doesNotContain("clearance: 1e3");
    assertThat(text).contains("id: alice").contains("fs/*");
  }
}
