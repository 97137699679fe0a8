package io.toolgate.internal.engine;

import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;

/**
 * A set-associative table of recently used residuals in front of a state's Caffeine cache, like a
 * CPU's first-level cache: a hit is a few array reads and a comparison of the key's parts, with no
 * lookup key built and nothing written (no recency bookkeeping, no counters), so hits on many
 * threads share the table's cache lines read-only. A miss falls through to Caffeine, the bounded
 * cache of record, and only then is the table written: the entry enters the front way of its set
 * and the others move back one, the oldest dropping out.
 *
 * <p>The table is a plain array that the engine state holds itself, and these are its operations: a
 * hit then reaches its slot one load sooner than through a table object, and the hit path is a
 * chain of dependent loads (state, slots, entry, switch bits), so each link shows in its time.
 *
 * <p>Sizing: at least two slots per cached entry up to {@link #MAX_SLOTS}, {@link #WAYS} ways a
 * set, so that a working set as large as the table rarely has more keys in one set than ways (which
 * would make those keys miss, write and evict each other on every pass).
 *
 * <p>Thread-safety without locks: slots hold immutable {@link CachedResidual}s whose fields are
 * final, so a reader sees either a complete entry or an older one or null; a stale or foreign entry
 * fails the key comparison. A table belongs to one engine state, like the cache, so a policy swap
 * drops it with the state.
 */
final class HotResiduals {
  /** The most slots a table has: 32,768 references, 128 KiB with compressed pointers. */
  static final int MAX_SLOTS = 32_768;

  /** Entries per set. */
  static final int WAYS = 4;

  private HotResiduals() {}

  /** An empty table for a cache of {@code cacheSize} entries: a power of two, at least WAYS. */
  static CachedResidual[] table(long cacheSize) {
    long wanted = Math.max(WAYS, Math.min(MAX_SLOTS, cacheSize * 2));
    int n = Integer.highestOneBit((int) wanted);
    if (n < wanted) {
      n <<= 1;
    }
    return new CachedResidual[Math.min(n, MAX_SLOTS)];
  }

  /** The entry built for these parts, or null. */
  static CachedResidual get(
      CachedResidual[] slots,
      Object subject,
      ToolId tool,
      ResourceId resource,
      Session session,
      int hash) {
    int base = index(slots, hash);
    for (int i = base; i < base + WAYS; i++) {
      CachedResidual e = slots[i];
      if (e == null) {
        return null;
      }
      if (e.matches(subject, tool, resource, session, hash)) {
        return e;
      }
    }
    return null;
  }

  /** Puts {@code entry} in the front way of its set; the set's oldest entry drops out. */
  static void put(CachedResidual[] slots, CachedResidual entry) {
    int base = index(slots, entry.hash);
    for (int i = base + WAYS - 1; i > base; i--) {
      slots[i] = slots[i - 1];
    }
    slots[base] = entry;
  }

  /** The first slot of the hash's set: a multiple of WAYS, as the length is. */
  private static int index(CachedResidual[] slots, int hash) {
    return (hash ^ (hash >>> 16)) * WAYS & (slots.length - 1);
  }
}
