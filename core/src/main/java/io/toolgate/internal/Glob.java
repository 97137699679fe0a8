package io.toolgate.internal;

/**
 * A compiled glob: {@code *} matches any run of characters other than {@code /}, {@code **} matches
 * any run of characters at all; every other character matches itself.
 *
 * <p>Matching never backtracks. The literal prefix and suffix are compared directly; the part
 * between them (which starts and ends with a wildcard) runs as a Thompson NFA whose state set is a
 * bit mask, so a match costs O(n * k) for input length n and k active states, with k bounded by the
 * pattern, never exponential. Patterns whose middle holds more than 63 tokens fall back to the same
 * NFA over a boolean array.
 */
public final class Glob {
  /** The token of {@code *}: any run of characters within one segment. */
  public static final int STAR = -1;

  /** The token of {@code **}: any run of characters, across segments. */
  public static final int DOUBLE_STAR = -2;

  private final String source;
  private final String prefix;
  private final String suffix;

  /** Middle tokens: a char (>= 0), STAR or DOUBLE_STAR. Empty when the glob is literal. */
  private final int[] middle;

  private final long starMask;
  private final Shape shape;

  private enum Shape {
    LITERAL,
    STAR_ONLY,
    DOUBLE_STAR_ONLY,
    /**
     * Single stars only, each followed by '/' or last (as in {@code svc*}{@code /*} or {@code
     * a*}{@code /list_*}): a star cannot cross '/', so it ends exactly at the input's next '/' and
     * matching is one pass with no choice to make.
     */
    SEGMENT_STARS,
    GENERAL
  }

  private Glob(String source, String prefix, String suffix, int[] middle, Shape shape) {
    this.source = source;
    this.prefix = prefix;
    this.suffix = suffix;
    this.middle = middle;
    this.shape = shape;
    long mask = 0;
    for (int i = 0; i < middle.length && i < 64; i++) {
      if (middle[i] < 0) {
        mask |= 1L << i;
      }
    }
    this.starMask = mask;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException if the text is empty or holds three or more {@code *} in a row
   */
  public static Glob compile(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a pattern must not be empty");
    }
    int star = text.indexOf("***");
    if (star >= 0) {
      throw new IllegalArgumentException(
          "'***' at offset " + star + " is ambiguous: use '*' (one segment) or '**' (any run)");
    }
    int first = text.indexOf('*');
    if (first < 0) {
      return new Glob(text, text, "", new int[0], Shape.LITERAL);
    }
    int last = text.lastIndexOf('*');
    String prefix = text.substring(0, first);
    String suffix = text.substring(last + 1);
    int[] middle = tokens(text.substring(first, last + 1));
    Shape shape = Shape.GENERAL;
    if (middle.length == 1) {
      shape = middle[0] == STAR ? Shape.STAR_ONLY : Shape.DOUBLE_STAR_ONLY;
    } else if (segmentStars(middle)) {
      shape = Shape.SEGMENT_STARS;
    }
    return new Glob(text, prefix, suffix, middle, shape);
  }

  /**
   * The one tokenizer of glob text, shared by this matcher and the analysis that relates two
   * patterns: each character as itself, {@code *} as {@link #STAR}, {@code **} as {@link
   * #DOUBLE_STAR}.
   */
  public static int[] tokens(String text) {
    int[] tokens = new int[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
          tokens[n++] = DOUBLE_STAR;
          i++;
        } else {
          tokens[n++] = STAR;
        }
      } else {
        tokens[n++] = c;
      }
    }
    return java.util.Arrays.copyOf(tokens, n);
  }

  /** The text this glob was compiled from. */
  public String source() {
    return source;
  }

  /** Whether the glob has no wildcard, so it matches exactly its own text. */
  public boolean isLiteral() {
    return shape == Shape.LITERAL;
  }

  /** The characters every match starts with. */
  public String literalPrefix() {
    return prefix;
  }

  /** Whether {@code input} matches this glob in full. */
  public boolean matches(String input) {
    if (shape == Shape.LITERAL) {
      return source.equals(input);
    }
    int n = input.length();
    int from = prefix.length();
    int to = n - suffix.length();
    if (to < from || !input.startsWith(prefix) || !input.endsWith(suffix)) {
      return false;
    }
    switch (shape) {
      case DOUBLE_STAR_ONLY:
        return true;
      case STAR_ONLY:
        int slash = input.indexOf('/', from);
        return slash < 0 || slash >= to;
      case SEGMENT_STARS:
        return matchSegments(input, from, to);
      default:
        return middle.length < 64 ? matchMask(input, from, to) : matchArray(input, from, to);
    }
  }

  /** Whether every star is single and followed by '/' or last. */
  private static boolean segmentStars(int[] middle) {
    for (int i = 0; i < middle.length; i++) {
      if (middle[i] == DOUBLE_STAR
          || (middle[i] == STAR && i + 1 < middle.length && middle[i + 1] != '/')) {
        return false;
      }
    }
    return true;
  }

  private boolean matchSegments(String input, int from, int to) {
    int p = from;
    for (int i = 0; i < middle.length; i++) {
      int token = middle[i];
      if (token == STAR) {
        // The star takes everything up to the next '/' (or to the end when it is last), which
        // must lie within [p, to]; the '/' itself is the next token.
        int slash = input.indexOf('/', p);
        if (i + 1 == middle.length) {
          return slash < 0 || slash >= to;
        }
        if (slash < 0 || slash >= to) {
          return false;
        }
        p = slash;
      } else {
        if (p >= to || input.charAt(p) != token) {
          return false;
        }
        p++;
      }
    }
    return p == to;
  }

  /** The matcher chosen at compile time (for tests). */
  String shapeName() {
    return shape.name();
  }

  private boolean matchMask(String input, int from, int to) {
    int m = middle.length;
    long states = closure(1L);
    for (int p = from; p < to; p++) {
      char c = input.charAt(p);
      long active = states;
      long next = 0;
      while (active != 0) {
        int i = Long.numberOfTrailingZeros(active);
        active &= active - 1;
        if (i == m) {
          continue;
        }
        int token = middle[i];
        if (token >= 0) {
          if (token == c) {
            next |= 1L << (i + 1);
          }
        } else if (token == DOUBLE_STAR || c != '/') {
          next |= 1L << i;
        }
      }
      states = closure(next);
      if (states == 0) {
        return false;
      }
    }
    return (states & (1L << m)) != 0;
  }

  private long closure(long states) {
    // Tokenizing forbids two wildcards in a row, so one epsilon step reaches the fixed point.
    return states | ((states & starMask) << 1);
  }

  private boolean matchArray(String input, int from, int to) {
    int m = middle.length;
    boolean[] states = new boolean[m + 1];
    boolean[] next = new boolean[m + 1];
    states[0] = true;
    closure(states);
    for (int p = from; p < to; p++) {
      char c = input.charAt(p);
      java.util.Arrays.fill(next, false);
      boolean any = false;
      for (int i = 0; i < m; i++) {
        if (!states[i]) {
          continue;
        }
        int token = middle[i];
        if (token >= 0) {
          if (token == c) {
            next[i + 1] = true;
            any = true;
          }
        } else if (token == DOUBLE_STAR || c != '/') {
          next[i] = true;
          any = true;
        }
      }
      if (!any) {
        return false;
      }
      closure(next);
      boolean[] swap = states;
      states = next;
      next = swap;
    }
    return states[m];
  }

  private void closure(boolean[] states) {
    for (int i = 0; i < middle.length; i++) {
      if (states[i] && middle[i] < 0) {
        states[i + 1] = true;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob other && source.equals(other.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
