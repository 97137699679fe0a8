package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * What {@link StrictJson} says about text that is not one JSON value: one line, where it went
 * wrong, and nothing of Jackson's own (no "Source: REDACTED", class, token or setting names).
 */
@StatisticsReport(onFailureOnly = true)
class StrictJsonMessagesTest {
  static final String VALID =
      "{\"amount\":1000.5,\"payee\":{\"iban\":\"DE89\",\"tags\":[\"a\",true,null,-1e3]},\"n\":7}";

  /** The valid object broken by a cut, an inserted character, or a character replaced. */
  @Provide
  Arbitrary<String> brokenJson() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length() - 1);
    Arbitrary<String> piece =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "'",
            "\u0001",
            "\uFEFF",
            "01",
            "NaN",
            "tru",
            "1e999999999999",
            "x",
            " {} ",
            "/*",
            "\n",
            "\"a\":1,\"a\":2",
            "1".repeat(1200),
            "[".repeat(600));
    Arbitrary<String> cut = at.map(i -> VALID.substring(0, i));
    Arbitrary<String> inserted =
        Combinators.combine(at, piece).as((i, p) -> VALID.substring(0, i) + p + VALID.substring(i));
    Arbitrary<String> replaced =
        Combinators.combine(at, piece)
            .as((i, p) -> VALID.substring(0, i) + p + VALID.substring(i + 1));
    return Arbitraries.oneOf(cut, inserted, replaced);
  }

  @Property(tries = 500)
  void readValue_brokenText_oneLineWithoutJacksonInternals(@ForAll("brokenJson") String text) {
    Throwable thrown = catchThrowable(() -> StrictJson.readValue(text));
    // A mutation that leaves valid JSON is not broken text: rejected, not passed.
    Assume.that(thrown != null);
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    String message = thrown.getMessage();
    Statistics.label("outcome")
        .collect(message.matches("not valid JSON at \\d+:\\d+: .+") ? "located" : "unlocated");
    assertThat(message)
        .as(text)
        .startsWith("not valid JSON")
        .doesNotContain("\n", "\r", "`", "Source", "REDACTED", "jackson", "java.", "Feature")
        .doesNotContain("JsonToken", "StreamReadConstraints", "(start marker");
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("located").count(n -> n > 100);
              c.check("unlocated").count(n -> n > 0);
            });
  }

  @Example
  void readObject_unclosedObject_saysSoWithoutTheSource() {
    assertThatThrownBy(() -> StrictJson.readObject("{"))
        .hasMessage(
            "not valid JSON at 1:2: Unexpected end-of-input: expected close marker for Object");
  }

  @Example
  void readObject_trailingValue_andNonStandardToken_namedPlainly() {
    assertThatThrownBy(() -> StrictJson.readObject("{\"a\":1}{"))
        .hasMessage("not valid JSON at 1:8: Trailing token found after value");
    assertThatThrownBy(() -> StrictJson.readObject("{\"a\":NaN}"))
        .hasMessage("not valid JSON at 1:9: Non-standard token 'NaN'");
  }

  @Example
  void readObject_limitsAndHugeExponents_oneLineWithoutSettingNames() {
    assertThatThrownBy(() -> StrictJson.readObject("[".repeat(1100)))
        .hasMessageStartingWith("not valid JSON")
        .hasMessageContaining("nesting depth")
        .hasMessageNotContaining("StreamReadConstraints");
    assertThatThrownBy(() -> StrictJson.readObject("{\"a\":1e999999999999}"))
        .hasMessage("not valid JSON: a number is out of range");
  }
}
