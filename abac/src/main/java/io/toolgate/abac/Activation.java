package io.toolgate.abac;

import io.toolgate.spi.CallContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables one evaluation of a condition reads: {@code principal}, {@code tool} and {@code
 * resource}, known when the engine first decides a (chain, tool, resource), and {@code args} and
 * {@code env}, read from the call's {@link CallContext} on first use (so a condition that never
 * reads the environment never builds it). Without a context, as during partial evaluation, the
 * dynamic variables are unknown and nodes reading them stay pending ({@link PendingConditions}).
 *
 * <p>Not a wrapper of {@link CallContext}, which core passes to a condition with the call's dynamic
 * inputs only (arguments, environment, clock reading), the same for every module. An activation is
 * abac's own evaluation frame: it adds the static variables as CEL values ({@link Statics}), may
 * have no call at all (partial evaluation, visibility questions without a resource), tells which
 * variables are known ({@link #isKnown}), and holds the arguments and environment converted to
 * CEL's numbers once per evaluation. One is made per evaluation and is not thread-safe.
 */
final class Activation {
  static final int PRINCIPAL = 0;
  static final int TOOL = 1;
  static final int RESOURCE = 2;
  static final int ARGS = 3;
  static final int ENV = 4;
  static final String[] NAMES = {"principal", "tool", "resource", "args", "env"};

  private final Statics statics;
  private final CallContext context;
  private final boolean resourceKnown;
  private Object args;
  private Object env;

  Activation(Statics statics, CallContext context) {
    this(statics, context, true);
  }

  private Activation(Statics statics, CallContext context, boolean resourceKnown) {
    this.statics = statics;
    this.context = context;
    this.resourceKnown = resourceKnown;
  }

  /**
   * For partial evaluation with only {@code principal} and {@code tool} known: what reads {@code
   * resource}, {@code args} or {@code env} stays pending (visibility questions, which hold for
   * every resource).
   */
  static Activation withoutResource(Statics statics) {
    return new Activation(statics, null, false);
  }

  /** The static variables of one (principal, tool, resource), as CEL maps. */
  record Statics(
      Map<String, Object> principal, Map<String, Object> tool, Map<String, Object> resource) {}

  /** Whether {@code slot} can be read: static slots always, dynamic ones only during a call. */
  boolean isKnown(int slot) {
    return slot == RESOURCE ? resourceKnown : slot < ARGS || context != null;
  }

  /**
   * The variable in {@code slot}. {@code args} and {@code env} are read on first use, their big
   * numbers mapped to CEL's int or double ({@link Values#normalize}; a scan that finds nothing to
   * map costs a walk over the values and no copy).
   *
   * @throws EvaluationError if {@code args} or {@code env} holds a number that no int or double
   *     holds exactly: the variable cannot be read, so no condition rounds it past a limit
   */
  Object get(int slot) {
    switch (slot) {
      case PRINCIPAL:
        return statics.principal();
      case TOOL:
        return statics.tool();
      case RESOURCE:
        return statics.resource();
      case ARGS:
        if (args == null) {
          args = Values.normalize(context.arguments(), "args");
        }
        return args;
      case ENV:
        if (env == null) {
          env = Values.normalize(context.environment(), "env");
        }
        return env;
      default:
        throw new IllegalArgumentException("no variable slot " + slot);
    }
  }

  /**
   * Every known, readable variable by name, big numbers mapped, for CEL's own runtime. A variable
   * that cannot be read (a number no int or double holds exactly) is left out: CEL reports reading
   * it as an error, which {@code &&} and {@code ||} may absorb as the closures do.
   */
  Map<String, Object> asMap() {
    Map<String, Object> m = new HashMap<>(8);
    for (int i = 0; i < NAMES.length; i++) {
      if (isKnown(i)) {
        try {
          m.put(NAMES[i], Values.normalize(get(i), NAMES[i]));
        } catch (EvaluationError unreadable) {
          // left out, see above
        }
      }
    }
    return m;
  }
}
