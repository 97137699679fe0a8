package io.toolgate.abac;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment every condition is checked against: the five variables with their types, the
 * standard macros ({@code has}, {@code all}, {@code exists}, ...), heterogeneous numeric
 * comparisons ({@code args.amount <= 1000} holds for {@code 999.5}), a {@code bool} result. The
 * compiler and runtime are immutable and thread-safe, built once.
 *
 * <pre>
 * principal: toolgate.Principal { id, type ("user" | "agent" | "service"), owner ("" if none): string;
 *                                 attributes: map(string, dyn); roles: list(string) }
 * tool:      toolgate.Tool      { id ("server/name"), server, name: string;
 *                                 annotations: toolgate.ToolAnnotations
 *                                   { readOnly, destructive, idempotent, openWorld: bool };
 *                                 attributes: map(string, dyn) }
 * resource:  toolgate.Resource  { id: string ("" for no resource); attributes: map(string, dyn) }
 * args:      map(string, dyn)
 * env:       map(string, dyn)
 * </pre>
 */
final class CelEnvironment {
  private CelEnvironment() {}

  static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private static final CelType ATTRIBUTES = MapType.create(SimpleType.STRING, SimpleType.DYN);

  static final StructType ANNOTATIONS =
      struct(
          "toolgate.ToolAnnotations",
          Map.of(
              "readOnly",
              SimpleType.BOOL,
              "destructive",
              SimpleType.BOOL,
              "idempotent",
              SimpleType.BOOL,
              "openWorld",
              SimpleType.BOOL));
  static final StructType PRINCIPAL =
      struct(
          "toolgate.Principal",
          ordered(
              "id",
              SimpleType.STRING,
              "type",
              SimpleType.STRING,
              "owner",
              SimpleType.STRING,
              "attributes",
              ATTRIBUTES,
              "roles",
              ListType.create(SimpleType.STRING)));
  static final StructType TOOL =
      struct(
          "toolgate.Tool",
          ordered(
              "id",
              SimpleType.STRING,
              "server",
              SimpleType.STRING,
              "name",
              SimpleType.STRING,
              "annotations",
              ANNOTATIONS,
              "attributes",
              ATTRIBUTES));
  static final StructType RESOURCE =
      struct("toolgate.Resource", ordered("id", SimpleType.STRING, "attributes", ATTRIBUTES));

  private static final CelTypeProvider TYPES =
      new CelTypeProvider() {
        private final ImmutableList<CelType> all =
            ImmutableList.of(PRINCIPAL, TOOL, RESOURCE, ANNOTATIONS);

        @Override
        public ImmutableCollection<CelType> types() {
          return all;
        }

        @Override
        public Optional<CelType> findType(String name) {
          return all.stream().filter(t -> t.name().equals(name)).findFirst();
        }
      };

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .setTypeProvider(TYPES)
          .addVar("principal", PRINCIPAL)
          .addVar("tool", TOOL)
          .addVar("resource", RESOURCE)
          .addVar("args", ATTRIBUTES)
          .addVar("env", ATTRIBUTES)
          .setResultType(SimpleType.BOOL)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.legacyCelRuntimeBuilder().setOptions(OPTIONS).build();

  static CelRuntime runtime() {
    return RUNTIME;
  }

  /**
   * One problem CEL found in a condition.
   *
   * @param what {@code "does not parse"} or {@code "does not type-check"}
   * @param line the line in the condition text, from 1; 0 when CEL gives no position
   * @param column the column in that line, from 1; 0 when CEL gives no position
   * @param offset the index of that position in the condition text (UTF-16 chars; its length for
   *     the end), or -1
   * @param message CEL's message
   */
  record Issue(String what, int line, int column, int offset, String message) {}

  /**
   * Parses and type-checks a condition.
   *
   * @return the checked tree, or empty after adding a problem per issue, naming the rule and the
   *     1-based line and column
   */
  static Optional<CelAbstractSyntaxTree> check(String ruleId, String text, List<String> problems) {
    List<Issue> issues = new java.util.ArrayList<>();
    Optional<CelAbstractSyntaxTree> ast = check(text, issues);
    for (Issue i : issues) {
      String at = i.line() > 0 ? " at " + i.line() + ":" + i.column() : "";
      problems.add("rule '" + ruleId + "': condition " + i.what() + at + ": " + i.message());
    }
    return ast;
  }

  /**
   * Parses and type-checks a condition.
   *
   * @return the checked tree, or empty after adding every issue CEL reports to {@code issues}
   */
  static Optional<CelAbstractSyntaxTree> check(String text, List<Issue> issues) {
    CelValidationResult parsed = COMPILER.parse(text);
    if (parsed.hasError()) {
      report(text, "does not parse", parsed.getErrors(), issues);
      return Optional.empty();
    }
    try {
      CelValidationResult checked = COMPILER.check(parsed.getAst());
      if (checked.hasError()) {
        report(text, "does not type-check", checked.getErrors(), issues);
        return Optional.empty();
      }
      return Optional.of(checked.getAst());
    } catch (CelValidationException e) {
      report(text, "does not type-check", e.getErrors(), issues);
      return Optional.empty();
    }
  }

  private static void report(String text, String what, List<CelIssue> found, List<Issue> issues) {
    for (CelIssue issue : found) {
      int line = issue.getSourceLocation().getLine();
      int column = issue.getSourceLocation().getColumn();
      if (line > 0 && column >= 0) {
        issues.add(
            new Issue(what, line, column + 1, offset(text, line, column), issue.getMessage()));
      } else {
        issues.add(new Issue(what, 0, 0, -1, issue.getMessage()));
      }
    }
  }

  /**
   * The char index of CEL's (line from 1, column in code points from 0) in {@code text}, or -1; the
   * text's length for its end (where "unexpected end" errors point).
   */
  static int offset(String text, int line, int column) {
    int i = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        return -1;
      }
      i = nl + 1;
    }
    for (int c = 0; c < column; c++) {
      if (i >= text.length() || text.charAt(i) == '\n') {
        return -1;
      }
      i += Character.charCount(text.codePointAt(i));
    }
    return i <= text.length() ? i : -1;
  }

  private static Map<String, CelType> ordered(Object... kv) {
    Map<String, CelType> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (CelType) kv[i + 1]);
    }
    return m;
  }

  private static StructType struct(String name, Map<String, CelType> fields) {
    ImmutableMap<String, CelType> copy = ImmutableMap.copyOf(fields);
    return StructType.create(name, copy.keySet(), field -> Optional.ofNullable(copy.get(field)));
  }
}
