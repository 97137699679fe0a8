package io.toolgate.abac;

import io.toolgate.spi.CallContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables one evaluation of a condition reads: {@code principal}, {@code tool} and
 * {@code resource}, known when the residual is built, and {@code args} and {@code env}, read
 * from the call's {@link CallContext} on first use (so a condition that never reads the
 * environment never builds it). Without a context, as during partial evaluation, the dynamic
 * variables are unknown and nodes reading them stay in the residual.
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
   * For partial evaluation with only {@code principal} and {@code tool} known: what reads
   * {@code resource}, {@code args} or {@code env} stays in the residual (visibility questions,
   * which hold for every resource).
   */
  static Activation withoutResource(Statics statics) {
    return new Activation(statics, null, false);
  }

  /** The static variables of one (principal, tool, resource), as CEL maps. */
  record Statics(Map<String, Object> principal, Map<String, Object> tool, Map<String, Object> resource) {}

  /** Whether {@code slot} can be read: static slots always, dynamic ones only during a call. */
  boolean isKnown(int slot) {
    return slot == RESOURCE ? resourceKnown : slot < ARGS || context != null;
  }

  /**
   * The variable in {@code slot}. {@code args} and {@code env} are read on first use, their big
   * numbers mapped to CEL's int or double ({@link Values#normalize}; a scan that finds nothing
   * to map costs a walk over the values and no copy).
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
   * that cannot be read (a number no int or double holds exactly) is left out: CEL reports
   * reading it as an error, which {@code &&} and {@code ||} may absorb as the closures do.
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
