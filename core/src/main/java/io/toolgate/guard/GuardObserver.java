package io.toolgate.guard;

import io.toolgate.Decision;
import io.toolgate.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * Hears each call a {@link ToolGuard} runs through {@link ToolGuard#call} (and so {@link
 * ToolGuard#invoke}), for tracing and metrics: {@code toolgate-micrometer} turns each into a
 * Micrometer {@code Observation}. {@link ToolGuard#decide}, which runs nothing, is not observed.
 *
 * <p>One call's methods run on the calling thread, in order: {@link #start}, then {@link
 * ObservedCall#decided} once the call is decided (before an allowed body runs, so the body runs
 * inside whatever scope {@code start} opened), then {@link ObservedCall#end} exactly once, however
 * the call ends. An observer cannot change a decision: whatever it throws is logged and ignored,
 * like a {@link io.toolgate.DecisionListener}'s failure.
 */
@FunctionalInterface
public interface GuardObserver {
  /**
   * A call arrives, before anything about it is decided.
   *
   * @return what hears the rest of this call
   */
  ObservedCall start(ToolCall call);

  /** One call being observed; see {@link GuardObserver} for the order of its methods. */
  interface ObservedCall {
    /**
     * The call was decided: by the guard itself (a changed definition, an unresolved resource) or
     * by the engine. An allow runs the body next; a denial ends the call.
     */
    void decided(Decision decision);

    /**
     * The call is over: denied, or its body returned ({@code error} null) or threw ({@code error},
     * which the guard rethrows unchanged). Called exactly once, also when deciding itself threw
     * (then without {@link #decided} before it).
     */
    void end(@Nullable Throwable error);
  }
}
