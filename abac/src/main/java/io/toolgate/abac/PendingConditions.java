package io.toolgate.abac;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.toolgate.spi.CallContext;
import io.toolgate.spi.Condition;

/**
 * A rule's <em>pending condition</em>: what partial evaluation leaves of its condition once the
 * principal, tool and resource are known, the part that reads {@code args} or {@code env}, handed
 * to the engine as a {@link Condition} ({@code allowIf}/{@code denyIf}) and evaluated per call.
 * (Core's {@code Residual}, its cached answer for one key, is another thing: it holds these.)
 *
 * <p>Each is immutable and thread-safe: a call gets its own {@link Activation}. Any exception they
 * throw makes the engine fail closed: an allow rule does not apply, a deny rule denies, and the
 * decision carries the message under the rule's id.
 */
final class PendingConditions {
  private PendingConditions() {}

  /** The pending tree of a condition, evaluated by the compiled closures. */
  static final class Compiled implements Condition {
    private final Node pending;
    private final Activation.Statics statics;

    Compiled(Node pending, Activation.Statics statics) {
      this.pending = pending;
      this.statics = statics;
    }

    @Override
    public boolean test(CallContext context) {
      Object v = pending.eval(new Activation(statics, context));
      if (v instanceof Boolean b) {
        return b;
      }
      throw new EvaluationError("condition evaluated to " + Values.describe(v) + ", not a bool");
    }

    @Override
    public String toString() {
      return pending.toString();
    }
  }

  /** The whole condition, evaluated by CEL's interpreter ({@link ConditionEngine#CEL_RUNTIME}). */
  static final class Interpreted implements Condition {
    private final CelRuntime.Program program;
    private final Activation.Statics statics;
    private final String text;

    Interpreted(CelRuntime.Program program, Activation.Statics statics, String text) {
      this.program = program;
      this.statics = statics;
      this.text = text;
    }

    @Override
    public boolean test(CallContext context) {
      Object v;
      try {
        v = program.eval(new Activation(statics, context).asMap());
      } catch (CelEvaluationException e) {
        throw new EvaluationError(Node.celMessage(e) + " evaluating the condition");
      }
      if (v instanceof Boolean b) {
        return b;
      }
      throw new EvaluationError("condition evaluated to " + Values.describe(v) + ", not a bool");
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A condition whose static part already failed: it fails on every call, with that error. */
  static final class Failing implements Condition {
    private final String message;

    Failing(String message) {
      this.message = message;
    }

    @Override
    public boolean test(CallContext context) {
      throw new EvaluationError(message);
    }

    @Override
    public String toString() {
      return "error(" + message + ")";
    }
  }
}
