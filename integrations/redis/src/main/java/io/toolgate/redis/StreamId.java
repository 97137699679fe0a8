package io.toolgate.redis;

/** A Redis stream entry id ({@code <millis>-<sequence>}), ordered as Redis orders them. */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {
  /** Before every entry: what a replica has applied when it has applied nothing. */
  static final StreamId ZERO = new StreamId(0, 0);

  /**
   * Parses an id Redis returned.
   *
   * @throws IllegalArgumentException if {@code id} is not {@code <millis>-<sequence>}
   */
  static StreamId parse(String id) {
    int dash = id.indexOf('-');
    if (dash <= 0 || dash == id.length() - 1) {
      throw new IllegalArgumentException("not a stream id: " + id);
    }
    try {
      return new StreamId(
          Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a stream id: " + id, e);
    }
  }

  @Override
  public int compareTo(StreamId o) {
    int c = Long.compareUnsigned(millis, o.millis);
    return c != 0 ? c : Long.compareUnsigned(sequence, o.sequence);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
  }
}
