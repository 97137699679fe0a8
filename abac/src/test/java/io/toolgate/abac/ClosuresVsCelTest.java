package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.toolgate.spi.CallContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Each closure against CEL's runtime, operator by operator, on values chosen to hit the edges:
 * int64 limits, doubles beyond 2^63 and with fractions, negative zero, mixed kinds, nesting.
 * Exhaustive: every expression with every pair of values.
 */
class ClosuresVsCelTest {

  static final List<Object> VALUES =
      List.of(
          0L,
          1L,
          -1L,
          10L,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          9007199254740993L,
          0.0,
          -0.0,
          0.5,
          10.0,
          10.5,
          -10.5,
          9.223372036854775807E18,
          -9.3E18,
          9007199254740992.0,
          "",
          "a",
          "ab",
          "b",
          "héllo",
          "10",
          true,
          false,
          List.of(),
          List.of(1L, "a"),
          List.of(1.0, "a"),
          List.of(List.of(1L)),
          Map.of(),
          Map.of("a", 1L),
          Map.of("a", 1.0),
          Map.of("b", List.of("x")));

  static final List<String> EXPRESSIONS =
      List.of(
          "args.v == args.w",
          "args.v != args.w",
          "args.v < args.w",
          "args.v <= args.w",
          "args.v > args.w",
          "args.v >= args.w",
          "args.v in args.w",
          "size(args.v) > 1",
          "args.v.startsWith(args.w)",
          "args.v.endsWith(args.w)",
          "args.v.contains(args.w)",
          "args.v && args.w",
          "args.v || args.w",
          "!args.v",
          "args.v ? args.w == 1 : false",
          "args.v[args.w] == 1",
          "args.v.a == args.w",
          "has(args.v.a)",
          "[args.v, 1] == [args.w, 1]",
          "args.v == 10 || args.w < 0.5",
          "args.v in [1, 'a', 10.5]",
          "args.v == null");

  /** Each expression checked, compiled to closures and planned by CEL, once. */
  record Compiled(Node node, CelRuntime.Program program) {}

  static final Map<String, Compiled> COMPILED = compileAll();

  static Map<String, Compiled> compileAll() {
    Map<String, Compiled> m = new LinkedHashMap<>();
    for (String text : EXPRESSIONS) {
      List<String> problems = new ArrayList<>();
      CelAbstractSyntaxTree ast =
          CelEnvironment.check("t", text, problems).orElseThrow(() -> new AssertionError(problems));
      try {
        m.put(
            text,
            new Compiled(
                AstCompiler.compile(ast, CelEnvironment.runtime()).node(),
                CelEnvironment.runtime().createProgram(ast)));
      } catch (CelEvaluationException e) {
        throw new AssertionError(e);
      }
    }
    return Map.copyOf(m);
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.of(VALUES);
  }

  @Provide
  Arbitrary<String> expressions() {
    return Arbitraries.of(EXPRESSIONS);
  }

  @Property(tries = 30000, generation = GenerationMode.EXHAUSTIVE)
  void eval_everyClosureOnEdgeValues_equalsCelRuntime(
      @ForAll("expressions") String text, @ForAll("values") Object v, @ForAll("values") Object w)
      throws Exception {
    Node node = COMPILED.get(text).node();
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("v", v);
    args.put("w", w);
    Object expected;
    try {
      expected = COMPILED.get(text).program().eval(Map.of("args", args));
    } catch (CelEvaluationException e) {
      expected = "error";
    }
    Object actual;
    Activation.Statics none = new Activation.Statics(Map.of(), Map.of(), Map.of());
    try {
      actual = node.eval(new Activation(none, context(args)));
    } catch (EvaluationError e) {
      actual = "error";
    }
    assertThat(actual).as("%s with v=%s w=%s", text, v, w).isEqualTo(expected);
    // The closures also evaluate as CEL does after folding everything static away.
    Object partial;
    try {
      partial = node.partial(new Activation(none, null)).eval(new Activation(none, context(args)));
    } catch (EvaluationError e) {
      partial = "error";
    }
    assertThat(partial).isEqualTo(expected);
  }

  static CallContext context(Map<String, Object> args) {
    return new CallContext() {
      @Override
      public Map<String, Object> arguments() {
        return args;
      }

      @Override
      public Map<String, Object> environment() {
        return Map.of();
      }

      @Override
      public Instant now() {
        return Instant.EPOCH;
      }
    };
  }
}
