package io.toolgate.spi;

import java.util.List;

/**
 * Where the counters of limits live: in-process by default ({@link io.toolgate.LocalLimitStore}),
 * or a store shared by a fleet of engines, plugged in with {@link
 * io.toolgate.DecisionEngine.Builder#limitStore}. The engine asks only about calls the policy
 * allows, after the cached decision, so a store never changes which calls a policy allows, only how
 * many.
 *
 * <p>Implementations must be thread-safe. Any exception thrown denies the call with reason {@code
 * ERROR}: a store that cannot count fails closed. A store that can tell it is cut off should answer
 * by throwing (or by its own denial, in a later version of this interface) rather than by allowing.
 */
public interface LimitStore {
  /**
   * Takes one call from every counter, all or nothing: either each had a call left in its current
   * window and now has one less ({@link Consumption.Consumed#INSTANCE}), or nothing is taken from
   * any and the answer says when every counter will have a call again ({@link
   * Consumption.Exhausted}).
   *
   * @param counters one or more distinct counters; the list is owned by the engine and must not be
   *     kept
   */
  Consumption tryConsume(List<LimitCounter> counters);
}
