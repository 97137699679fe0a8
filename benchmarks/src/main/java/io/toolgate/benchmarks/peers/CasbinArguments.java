package io.toolgate.benchmarks.peers;

import org.casbin.jcasbin.persist.cache.CacheableParam;

/**
 * A call's arguments as a jCasbin ABAC request object ({@code r.args.amount} in a matcher, read
 * through its getter). It implements jCasbin's {@link CacheableParam}: jCasbin's cached enforcers
 * build their key from {@code String} and {@code CacheableParam} arguments only and silently drop
 * any other, so a plain {@code Long} amount would be served another amount's cached answer (the
 * cross-check caught exactly that). Public because jCasbin's expression engine reads it
 * reflectively.
 */
public final class CasbinArguments implements CacheableParam {
  private final long amount;

  CasbinArguments(long amount) {
    this.amount = amount;
  }

  /** The {@code amount} argument. */
  public long getAmount() {
    return amount;
  }

  /** The arguments' part of a jCasbin cache key. */
  @Override
  public String getCacheKey() {
    return "amount=" + amount;
  }
}
