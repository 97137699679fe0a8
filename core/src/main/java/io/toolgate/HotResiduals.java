package io.toolgate;

/**
 * A small two-way set-associative table of recently used residuals in front of a state's Caffeine cache,
 * like a CPU's first-level cache: a hit is one array read and a comparison of the key's parts,
 * with no lookup key built and none of Caffeine's read bookkeeping; a miss falls through to
 * Caffeine, which stays the bounded cache of record and sees every access the table does not
 * absorb. Each key has two slots (a pair); a new entry takes the front one and pushes the
 * previous one to the back, so two keys that collide both stay.
 *
 * <p>Thread-safety without locks: slots hold immutable {@link CachedResidual}s whose fields are
 * final, so a reader sees either a complete entry or an older one or null; a stale or foreign
 * entry fails the key comparison. The table belongs to one engine state, like the cache, so a
 * policy swap or kill switch drops it with the state.
 */
final class HotResiduals {
  /** The most slots a table has: 8,192 references, 32 KiB with compressed pointers. */
  static final int MAX_SLOTS = 8_192;

  private final CachedResidual[] slots;
  private final int mask;

  /** A table for a cache of {@code cacheSize} entries: the next power of two, at most {@link #MAX_SLOTS}. */
  HotResiduals(long cacheSize) {
    int n = (int) Math.min(MAX_SLOTS, Math.max(2, Long.highestOneBit(Math.max(1, cacheSize - 1)) << 1));
    this.slots = new CachedResidual[n];
    this.mask = n - 1;
  }

  CachedResidual get(Object subject, ToolId tool, ResourceId resource, Session session, int hash) {
    int i = index(hash);
    CachedResidual e = slots[i];
    if (e != null && e.matches(subject, tool, resource, session, hash)) {
      return e;
    }
    e = slots[i ^ 1];
    return e != null && e.matches(subject, tool, resource, session, hash) ? e : null;
  }

  void put(CachedResidual entry) {
    int i = index(entry.hash);
    CachedResidual previous = slots[i];
    if (previous != null) {
      slots[i ^ 1] = previous; // two ways: the newest in front, the one before behind it
    }
    slots[i] = entry;
  }

  private int index(int hash) {
    return (hash ^ (hash >>> 16)) & mask;
  }
}
