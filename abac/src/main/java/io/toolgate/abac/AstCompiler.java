package io.toolgate.abac;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a type-checked CEL expression into {@link Node}s: the operators listed on {@link Node}
 * become closures when the checker typed their operands as values the closures handle (int, double,
 * string, bool, list, map, our structs, dyn); every other sub-expression becomes a {@link
 * Node.CelCall} into CEL's runtime, built from the same checked tree.
 */
final class AstCompiler {
  /** Operand types the closures evaluate with CEL's semantics. */
  private static final Set<CelKind> NATIVE =
      EnumSet.of(
          CelKind.BOOL,
          CelKind.INT,
          CelKind.DOUBLE,
          CelKind.STRING,
          CelKind.DYN,
          CelKind.LIST,
          CelKind.MAP,
          CelKind.STRUCT,
          CelKind.NULL_TYPE);

  private final CelAbstractSyntaxTree ast;
  private final CelRuntime runtime;
  private int fallbacks;

  private AstCompiler(CelAbstractSyntaxTree ast, CelRuntime runtime) {
    this.ast = ast;
    this.runtime = runtime;
  }

  /** The result of compiling one expression. */
  record Compiled(Node node, int fallbacks) {}

  /**
   * Compiles a checked expression.
   *
   * @throws CelEvaluationException if CEL's runtime cannot plan a fallback sub-expression
   */
  static Compiled compile(CelAbstractSyntaxTree ast, CelRuntime runtime)
      throws CelEvaluationException {
    AstCompiler c = new AstCompiler(ast, runtime);
    Node n = c.node(ast.getExpr());
    return new Compiled(n, c.fallbacks);
  }

  private Node node(CelExpr e) throws CelEvaluationException {
    switch (e.getKind()) {
      case CONSTANT:
        {
          Object v = constant(e.constant());
          return v != null ? new Node.Const(v) : fallback(e);
        }
      case IDENT:
        {
          int slot = List.of(Activation.NAMES).indexOf(e.ident().name());
          return slot >= 0 ? new Node.Var(slot) : fallback(e);
        }
      case SELECT:
        {
          CelExpr operand = e.select().operand();
          if (!nativeType(operand)) {
            return fallback(e);
          }
          return new Node.Select(node(operand), e.select().field(), e.select().testOnly());
        }
      case LIST:
        {
          if (!e.list().optionalIndices().isEmpty()) {
            return fallback(e);
          }
          List<CelExpr> elements = e.list().elements();
          Node[] parts = new Node[elements.size()];
          for (int i = 0; i < parts.length; i++) {
            if (!nativeType(elements.get(i))) {
              return fallback(e);
            }
            parts[i] = node(elements.get(i));
          }
          return new Node.ListOf(parts);
        }
      case CALL:
        return call(e);
      default:
        return fallback(e);
    }
  }

  private Node call(CelExpr e) throws CelEvaluationException {
    CelExpr.CelCall call = e.call();
    List<CelExpr> args = call.args();
    CelExpr target = call.target().orElse(null);
    for (CelExpr a : args) {
      if (!nativeType(a)) {
        return fallback(e);
      }
    }
    if (target != null && !nativeType(target)) {
      return fallback(e);
    }
    String f = call.function();
    if (target == null) {
      switch (args.size()) {
        case 1:
          switch (f) {
            case "!_":
              return new Node.Not(node(args.get(0)));
            case "size":
              return new Node.Size(node(args.get(0)));
            default:
              return fallback(e);
          }
        case 2:
          {
            Node l = null;
            Node r = null;
            if (isBinary(f)) {
              l = node(args.get(0));
              r = node(args.get(1));
            }
            switch (f) {
              case "_&&_":
                return new Node.And(l, r);
              case "_||_":
                return new Node.Or(l, r);
              case "_==_":
                return new Node.Eq(l, r, false);
              case "_!=_":
                return new Node.Eq(l, r, true);
              case "_<_":
                return new Node.Cmp(l, r, Node.Op.LT);
              case "_<=_":
                return new Node.Cmp(l, r, Node.Op.LE);
              case "_>_":
                return new Node.Cmp(l, r, Node.Op.GT);
              case "_>=_":
                return new Node.Cmp(l, r, Node.Op.GE);
              case "@in":
                return new Node.In(l, r);
              case "_[_]":
                return new Node.Index(l, r);
              default:
                return fallback(e);
            }
          }
        case 3:
          if (f.equals("_?_:_")) {
            return new Node.Cond(node(args.get(0)), node(args.get(1)), node(args.get(2)));
          }
          return fallback(e);
        default:
          return fallback(e);
      }
    }
    if (args.size() == 0 && f.equals("size")) {
      return new Node.Size(node(target));
    }
    if (args.size() == 1) {
      Node.StringTest test =
          switch (f) {
            case "startsWith" -> Node.StringTest.STARTS_WITH;
            case "endsWith" -> Node.StringTest.ENDS_WITH;
            case "contains" -> Node.StringTest.CONTAINS;
            default -> null;
          };
      if (test != null) {
        return new Node.Str(node(target), node(args.get(0)), test);
      }
    }
    return fallback(e);
  }

  private static boolean isBinary(String f) {
    return switch (f) {
      case "_&&_", "_||_", "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "@in", "_[_]" -> true;
      default -> false;
    };
  }

  private boolean nativeType(CelExpr e) {
    CelType t = ast.getType(e.id()).orElse(null);
    return t != null && NATIVE.contains(t.kind());
  }

  private static Object constant(CelConstant c) {
    return switch (c.getKind()) {
      case BOOLEAN_VALUE -> c.booleanValue();
      case INT64_VALUE -> c.int64Value();
      case DOUBLE_VALUE -> c.doubleValue();
      case STRING_VALUE -> c.stringValue();
      case NULL_VALUE -> NullValue.NULL_VALUE;
      default -> null;
    };
  }

  private Node fallback(CelExpr e) throws CelEvaluationException {
    fallbacks++;
    CelAbstractSyntaxTree sub =
        CelAbstractSyntaxTree.newCheckedAst(
            e, ast.getSource(), ast.getReferenceMap(), ast.getTypeMap());
    CelRuntime.Program program = runtime.createProgram(sub);
    String text;
    try {
      text = dev.cel.parser.CelUnparserFactory.newUnparser().unparse(sub);
    } catch (RuntimeException unparsable) {
      text = "cel#" + e.id();
    }
    return new Node.CelCall(program, readsDynamic(e), text);
  }

  /** Whether a sub-expression names {@code args} or {@code env} anywhere (conservatively). */
  static boolean readsDynamic(CelExpr e) {
    boolean[] found = new boolean[1];
    walk(e, found);
    return found[0];
  }

  private static void walk(CelExpr e, boolean[] found) {
    if (found[0]) {
      return;
    }
    switch (e.getKind()) {
      case IDENT -> {
        String n = e.ident().name();
        if (n.equals("args") || n.equals("env")) {
          found[0] = true;
        }
      }
      case SELECT -> walk(e.select().operand(), found);
      case CALL -> {
        e.call().target().ifPresent(t -> walk(t, found));
        e.call().args().forEach(a -> walk(a, found));
      }
      case LIST -> e.list().elements().forEach(a -> walk(a, found));
      case MAP ->
          e.map()
              .entries()
              .forEach(
                  en -> {
                    walk(en.key(), found);
                    walk(en.value(), found);
                  });
      case STRUCT -> e.struct().entries().forEach(en -> walk(en.value(), found));
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        walk(c.iterRange(), found);
        walk(c.accuInit(), found);
        walk(c.loopCondition(), found);
        walk(c.loopStep(), found);
        walk(c.result(), found);
      }
      default -> {}
    }
  }
}
