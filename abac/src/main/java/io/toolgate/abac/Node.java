package io.toolgate.abac;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A condition compiled to a tree of small Java objects, each evaluating one CEL operator with CEL's
 * semantics (the "closures"): field selection on maps, {@code ==}, {@code !=}, ordering, {@code
 * &&}, {@code ||}, {@code !}, {@code ?:}, {@code in}, {@code size}, string {@code
 * startsWith}/{@code endsWith}/{@code contains}, indexing, literals; anything else is a {@link
 * CelCall} into CEL's own runtime.
 *
 * <p>Every node can be partially evaluated: given only {@code principal}, {@code tool} and {@code
 * resource}, {@link #partial} folds what depends on them alone into constants (or constant errors)
 * and returns the pending tree over {@code args} and {@code env} (a rule's pending condition,
 * {@link PendingConditions}). Errors follow CEL: strict operators propagate them, {@code &&} and
 * {@code ||} absorb an error when the other side decides ({@code false && error} is false).
 *
 * <p>Nodes are immutable and thread-safe.
 */
abstract class Node {
  private final boolean dynamic;

  Node(boolean dynamic) {
    this.dynamic = dynamic;
  }

  /**
   * Evaluates this node.
   *
   * @throws EvaluationError when CEL would produce an error value
   */
  abstract Object eval(Activation a);

  /** Whether the node reads {@code args} or {@code env}, directly or through CEL. */
  final boolean isDynamic() {
    return dynamic;
  }

  /** The node with everything that does not depend on {@code args} or {@code env} folded away. */
  abstract Node partial(Activation statics);

  /** Whether the node always yields a bool (or an error), so no bool check is needed around it. */
  boolean yieldsBool() {
    return false;
  }

  /** The node as CEL text. */
  @Override
  public abstract String toString();

  static boolean anyDynamic(Node... nodes) {
    for (Node n : nodes) {
      if (n.isDynamic()) {
        return true;
      }
    }
    return false;
  }

  /** Evaluates a node whose inputs are all known into a constant or a constant error. */
  static Node fold(Node n, Activation a) {
    try {
      return new Const(n.eval(a));
    } catch (EvaluationError e) {
      return new Err(e.getMessage());
    }
  }

  /**
   * Partially evaluates a strict node (one that errs when any operand errs): an operand that is a
   * constant error makes the whole node that error; all-constant operands fold.
   */
  static Node strict(
      Node[] parts, Activation a, java.util.function.Function<Node[], Node> rebuild) {
    Node[] p = new Node[parts.length];
    boolean allConst = true;
    for (int i = 0; i < parts.length; i++) {
      p[i] = parts[i].partial(a);
      if (p[i] instanceof Err) {
        return p[i];
      }
      allConst &= p[i] instanceof Const;
    }
    Node rebuilt = rebuild.apply(p);
    return allConst ? fold(rebuilt, a) : rebuilt;
  }

  // ---- leaves -------------------------------------------------------------------------------

  /** A known value. */
  static final class Const extends Node {
    static final Const TRUE = new Const(Boolean.TRUE);
    static final Const FALSE = new Const(Boolean.FALSE);

    final Object value;

    Const(Object value) {
      super(false);
      this.value = value;
    }

    static Const of(boolean b) {
      return b ? TRUE : FALSE;
    }

    boolean isTrue() {
      return Boolean.TRUE.equals(value);
    }

    boolean isFalse() {
      return Boolean.FALSE.equals(value);
    }

    @Override
    Object eval(Activation a) {
      return value;
    }

    @Override
    Node partial(Activation statics) {
      return this;
    }

    @Override
    boolean yieldsBool() {
      return value instanceof Boolean;
    }

    @Override
    public String toString() {
      return literal(value);
    }
  }

  /** A known error: evaluating it always fails with the same message. */
  static final class Err extends Node {
    final String message;

    Err(String message) {
      super(false);
      this.message = message;
    }

    @Override
    Object eval(Activation a) {
      throw new EvaluationError(message);
    }

    @Override
    Node partial(Activation statics) {
      return this;
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "error(" + literal(message) + ")";
    }
  }

  /** One of the five variables. */
  static final class Var extends Node {
    final int slot;

    Var(int slot) {
      super(slot >= Activation.ARGS);
      this.slot = slot;
    }

    @Override
    Object eval(Activation a) {
      return a.get(slot);
    }

    @Override
    Node partial(Activation statics) {
      return statics.isKnown(slot) ? new Const(statics.get(slot)) : this;
    }

    @Override
    public String toString() {
      return Activation.NAMES[slot];
    }
  }

  // ---- access -------------------------------------------------------------------------------

  /** {@code operand.field} on a map, or {@code has(operand.field)} when {@code test}. */
  static final class Select extends Node {
    final Node operand;
    final String field;
    final boolean test;

    Select(Node operand, String field, boolean test) {
      super(operand.isDynamic());
      this.operand = operand;
      this.field = field;
      this.test = test;
    }

    @Override
    Object eval(Activation a) {
      Object o = operand.eval(a);
      if (o instanceof Map<?, ?> m) {
        if (test) {
          return m.containsKey(field);
        }
        Object v = m.get(field);
        if (v == null) {
          throw new EvaluationError("key '" + field + "' is not present in " + operand);
        }
        return v;
      }
      throw new EvaluationError(
          "cannot select field '" + field + "' from " + Values.typeName(o) + " " + operand);
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {operand}, a, p -> new Select(p[0], field, test));
    }

    @Override
    boolean yieldsBool() {
      return test;
    }

    @Override
    public String toString() {
      String path =
          CelText.isIdentifier(field)
              ? operand + "." + field
              : operand + "[" + literal(field) + "]";
      return test
          ? (CelText.isIdentifier(field)
              ? "has(" + path + ")"
              : "(" + literal(field) + " in " + operand + ")")
          : path;
    }
  }

  /** {@code operand[key]} on a map or a list. */
  static final class Index extends Node {
    final Node operand;
    final Node key;

    Index(Node operand, Node key) {
      super(anyDynamic(operand, key));
      this.operand = operand;
      this.key = key;
    }

    @Override
    Object eval(Activation a) {
      Object o = operand.eval(a);
      Object k = Values.canon(key.eval(a));
      // Messages name the key by the condition's text, never by its value (it may come from args).
      if (o instanceof Map<?, ?> m) {
        Object found = Values.findKey(m, k);
        if (found == null) {
          throw new EvaluationError("key " + key + " is not present in " + operand);
        }
        return m.get(found);
      }
      if (o instanceof List<?> l && (k instanceof Long || k instanceof Double)) {
        long i = k instanceof Long x ? x : (long) (double) (Double) k;
        if (k instanceof Double d && i != d) {
          throw new EvaluationError("index " + key + " is not an integer, in " + operand);
        }
        if (i < 0 || i >= l.size()) {
          throw new EvaluationError("index " + key + " is out of bounds of " + operand);
        }
        return l.get((int) i);
      }
      throw EvaluationError.noOverload("_[_]", o, k);
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {operand, key}, a, p -> new Index(p[0], p[1]));
    }

    @Override
    public String toString() {
      return operand + "[" + key + "]";
    }
  }

  // ---- logic --------------------------------------------------------------------------------

  /** {@code left && right}, absorbing an error or unknown when the other side is false. */
  static final class And extends Node {
    final Node left;
    final Node right;

    And(Node left, Node right) {
      super(anyDynamic(left, right));
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Activation a) {
      return logic(left, right, false, a);
    }

    @Override
    Node partial(Activation a) {
      return logical(left.partial(a), right.partial(a), false);
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "(" + left + " && " + right + ")";
    }
  }

  /** {@code left || right}, absorbing an error or unknown when the other side is true. */
  static final class Or extends Node {
    final Node left;
    final Node right;

    Or(Node left, Node right) {
      super(anyDynamic(left, right));
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Activation a) {
      return logic(left, right, true, a);
    }

    @Override
    Node partial(Activation a) {
      return logical(left.partial(a), right.partial(a), true);
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "(" + left + " || " + right + ")";
    }
  }

  /**
   * Evaluates {@code &&} ({@code decisive} false) or {@code ||} ({@code decisive} true) as CEL's
   * Java runtime does: an operand that fails is set aside, and forgotten if the other operand
   * decides; an operand that yields a value other than a bool fails at once; the left operand
   * short-circuits.
   */
  static Boolean logic(Node left, Node right, boolean decisive, Activation a) {
    EvaluationError deferred = null;
    Object l = null;
    try {
      l = left.eval(a);
    } catch (EvaluationError e) {
      deferred = e;
    }
    if (deferred == null) {
      if (!(l instanceof Boolean lb)) {
        throw notBool(l);
      }
      if (lb == decisive) {
        return decisive;
      }
    }
    Object r;
    try {
      r = right.eval(a);
    } catch (EvaluationError e) {
      throw deferred != null ? deferred : e;
    }
    if (!(r instanceof Boolean rb)) {
      throw notBool(r);
    }
    if (rb == decisive) {
      return decisive;
    }
    if (deferred != null) {
      throw deferred;
    }
    return !decisive;
  }

  /**
   * Partially evaluates {@code &&} ({@code decisive} false) or {@code ||} ({@code decisive} true)
   * from partially evaluated operands, keeping {@link #logic}'s semantics: a known decisive left
   * operand decides; a known neutral one leaves the right (checked to be a bool); a known error on
   * the left is forgotten if the right is known to decide; a known decisive right operand decides
   * only if the left cannot yield a non-bool.
   */
  static Node logical(Node l, Node r, boolean decisive) {
    if (l instanceof Const c) {
      if (!(c.value instanceof Boolean lb)) {
        return new Err(notBool(c.value).getMessage());
      }
      if (lb == decisive) {
        return Const.of(decisive);
      }
      return boolChecked(r);
    }
    if (r instanceof Const c) {
      if (!(c.value instanceof Boolean rb)) {
        return l instanceof Err ? new Err(notBool(c.value).getMessage()) : build(l, r, decisive);
      }
      if (rb != decisive) {
        return boolChecked(l);
      }
      if (l.yieldsBool()) {
        return Const.of(decisive);
      }
      return build(l, r, decisive);
    }
    if (l instanceof Err && r instanceof Err) {
      return l;
    }
    return build(l, r, decisive);
  }

  private static Node build(Node l, Node r, boolean decisive) {
    return decisive ? new Or(l, r) : new And(l, r);
  }

  static EvaluationError notBool(Object v) {
    return new EvaluationError("expected a bool, found " + Values.describe(v));
  }

  /** A constant that is not a bool becomes the error using it as a condition would be. */
  private static Node asBoolConst(Node n) {
    if (n instanceof Const c && !(c.value instanceof Boolean)) {
      return new Err(notBool(c.value).getMessage());
    }
    return n;
  }

  private static Node boolChecked(Node n) {
    if (n instanceof Const c) {
      return asBoolConst(c);
    }
    return n.yieldsBool() ? n : new AsBool(n);
  }

  /** {@code !operand}. */
  static final class Not extends Node {
    final Node operand;

    Not(Node operand) {
      super(operand.isDynamic());
      this.operand = operand;
    }

    @Override
    Object eval(Activation a) {
      Object v = operand.eval(a);
      if (v instanceof Boolean b) {
        return !b;
      }
      throw EvaluationError.noOverload("!_", v);
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {operand}, a, p -> new Not(p[0]));
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "!" + operand;
    }
  }

  /** Fails unless the operand is a bool: what a pending condition keeps of {@code true && x}. */
  static final class AsBool extends Node {
    final Node operand;

    AsBool(Node operand) {
      super(operand.isDynamic());
      this.operand = operand;
    }

    @Override
    Object eval(Activation a) {
      return Values.bool(operand.eval(a));
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {operand}, a, p -> new AsBool(p[0]));
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return operand.toString();
    }
  }

  /** {@code cond ? then : otherwise}. */
  static final class Cond extends Node {
    final Node cond;
    final Node then;
    final Node otherwise;

    Cond(Node cond, Node then, Node otherwise) {
      super(anyDynamic(cond, then, otherwise));
      this.cond = cond;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    Object eval(Activation a) {
      return Values.bool(cond.eval(a)) ? then.eval(a) : otherwise.eval(a);
    }

    @Override
    Node partial(Activation a) {
      Node c = asBoolConst(cond.partial(a));
      if (c instanceof Err) {
        return c;
      }
      if (c instanceof Const k) {
        return k.isTrue() ? then.partial(a) : otherwise.partial(a);
      }
      return new Cond(c, then.partial(a), otherwise.partial(a));
    }

    @Override
    boolean yieldsBool() {
      return then.yieldsBool() && otherwise.yieldsBool();
    }

    @Override
    public String toString() {
      return "(" + cond + " ? " + then + " : " + otherwise + ")";
    }
  }

  // ---- comparisons --------------------------------------------------------------------------

  /** {@code left == right}, or {@code left != right} when {@code negate}. */
  static final class Eq extends Node {
    final Node left;
    final Node right;
    final boolean negate;

    Eq(Node left, Node right, boolean negate) {
      super(anyDynamic(left, right));
      this.left = left;
      this.right = right;
      this.negate = negate;
    }

    @Override
    Object eval(Activation a) {
      return Values.equal(left.eval(a), right.eval(a)) != negate;
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {left, right}, a, p -> new Eq(p[0], p[1], negate));
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "(" + left + (negate ? " != " : " == ") + right + ")";
    }
  }

  /** The four orderings. */
  enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    boolean test(int c) {
      if (c == Values.UNORDERED) {
        return false;
      }
      return switch (this) {
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
  }

  /** {@code left < right} and friends. */
  static final class Cmp extends Node {
    final Node left;
    final Node right;
    final Op op;

    Cmp(Node left, Node right, Op op) {
      super(anyDynamic(left, right));
      this.left = left;
      this.right = right;
      this.op = op;
    }

    @Override
    Object eval(Activation a) {
      return op.test(Values.compare(left.eval(a), right.eval(a), "_" + op.symbol + "_"));
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {left, right}, a, p -> new Cmp(p[0], p[1], op));
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "(" + left + " " + op.symbol + " " + right + ")";
    }
  }

  /** {@code element in container}: list membership or map key. */
  static final class In extends Node {
    final Node element;
    final Node container;

    In(Node element, Node container) {
      super(anyDynamic(element, container));
      this.element = element;
      this.container = container;
    }

    @Override
    Object eval(Activation a) {
      Object e = element.eval(a);
      Object c = container.eval(a);
      if (c instanceof List<?> l) {
        return Values.inList(l, e);
      }
      if (c instanceof Map<?, ?> m) {
        return Values.findKey(m, e) != null;
      }
      throw EvaluationError.noOverload("@in", e, c);
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {element, container}, a, p -> new In(p[0], p[1]));
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return "(" + element + " in " + container + ")";
    }
  }

  /** {@code size(operand)}: code points of a string, elements of a list or map. */
  static final class Size extends Node {
    final Node operand;

    Size(Node operand) {
      super(operand.isDynamic());
      this.operand = operand;
    }

    @Override
    Object eval(Activation a) {
      Object v = operand.eval(a);
      if (v instanceof String s) {
        return (long) s.codePointCount(0, s.length());
      }
      if (v instanceof List<?> l) {
        return (long) l.size();
      }
      if (v instanceof Map<?, ?> m) {
        return (long) m.size();
      }
      throw EvaluationError.noOverload("size", v);
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {operand}, a, p -> new Size(p[0]));
    }

    @Override
    public String toString() {
      return "size(" + operand + ")";
    }
  }

  /** String tests. */
  enum StringTest {
    STARTS_WITH("startsWith"),
    ENDS_WITH("endsWith"),
    CONTAINS("contains");

    final String function;

    StringTest(String function) {
      this.function = function;
    }
  }

  /** {@code target.startsWith(arg)} and friends. */
  static final class Str extends Node {
    final Node target;
    final Node arg;
    final StringTest test;

    Str(Node target, Node arg, StringTest test) {
      super(anyDynamic(target, arg));
      this.target = target;
      this.arg = arg;
      this.test = test;
    }

    @Override
    Object eval(Activation a) {
      Object t = target.eval(a);
      Object x = arg.eval(a);
      if (t instanceof String s && x instanceof String p) {
        return switch (test) {
          case STARTS_WITH -> s.startsWith(p);
          case ENDS_WITH -> s.endsWith(p);
          case CONTAINS -> s.contains(p);
        };
      }
      throw EvaluationError.noOverload(test.function, t, x);
    }

    @Override
    Node partial(Activation a) {
      return strict(new Node[] {target, arg}, a, p -> new Str(p[0], p[1], test));
    }

    @Override
    boolean yieldsBool() {
      return true;
    }

    @Override
    public String toString() {
      return target + "." + test.function + "(" + arg + ")";
    }
  }

  /** A list literal. */
  static final class ListOf extends Node {
    final Node[] elements;

    ListOf(Node[] elements) {
      super(anyDynamic(elements));
      this.elements = elements.clone();
    }

    @Override
    Object eval(Activation a) {
      List<Object> out = new ArrayList<>(elements.length);
      for (Node e : elements) {
        out.add(e.eval(a));
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    Node partial(Activation a) {
      return strict(elements, a, ListOf::new);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("[");
      for (int i = 0; i < elements.length; i++) {
        s.append(i == 0 ? "" : ", ").append(elements[i]);
      }
      return s.append(']').toString();
    }
  }

  // ---- CEL fallback ---------------------------------------------------------------------------

  /**
   * A sub-expression the closures do not cover (macros such as {@code exists}, arithmetic,
   * conversions, timestamps), evaluated by CEL's own runtime against the same variables.
   */
  static final class CelCall extends Node {
    final CelRuntime.Program program;
    final String text;

    CelCall(CelRuntime.Program program, boolean dynamic, String text) {
      super(dynamic);
      this.program = program;
      this.text = text;
    }

    @Override
    Object eval(Activation a) {
      try {
        Object v = program.eval(a.asMap());
        if (v instanceof dev.cel.runtime.CelUnknownSet) {
          // CEL answers an attribute the call lacks with an unknown set instead of throwing; as
          // an error, it is absorbed by '&&' and '||' as CEL's own runtime absorbs it.
          throw new EvaluationError("no such attribute in " + text);
        }
        return v == null ? NullValue.NULL_VALUE : v;
      } catch (CelEvaluationException e) {
        throw new EvaluationError(celMessage(e) + " in " + text);
      } catch (RuntimeException e) {
        throw new EvaluationError(e.getClass().getSimpleName() + " in " + text);
      }
    }

    @Override
    Node partial(Activation a) {
      return isDynamic() ? this : fold(this, a);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * What failed in CEL's runtime, from its error code ({@code numeric overflow}, {@code bad
   * format}, ...). CEL's own message is not used: it quotes the values involved ({@code For input
   * string: "PIN-4711"}), and arguments must never reach decisions or the log.
   */
  static String celMessage(CelEvaluationException e) {
    return e.getErrorCode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  // ---- rendering ----------------------------------------------------------------------------

  /** A CEL literal for a value. */
  static String literal(Object v) {
    if (v instanceof NullValue) {
      return "null";
    }
    try {
      return CelText.literal(v);
    } catch (IllegalArgumentException notJson) {
      return String.valueOf(v);
    }
  }
}
