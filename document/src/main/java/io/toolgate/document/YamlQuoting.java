package io.toolgate.document;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Decides which strings {@link PolicyWriter} quotes in YAML: Jackson's own rules (indicators,
 * leading or trailing blanks, {@code : } and {@code #} inside, ...) and, on top of them, every
 * string that some YAML reader would resolve, written plain, to something other than the same
 * string. That is the YAML 1.2 core schema (which snakeyaml-engine, this project's reader, and most
 * current readers use) and, since documents travel, YAML 1.1 as well:
 *
 * <ul>
 *   <li>anything that starts like a number: an optional sign, an optional dot, then a digit ({@code
 *       1e3}, {@code -1e3}, {@code 1.}, {@code 2e-2}, {@code 0x1F}, {@code 0o17}, {@code 012},
 *       {@code 1_000}, {@code 1:30}, dates and timestamps such as {@code 2026-01-01});
 *   <li>{@code .inf}, {@code -.inf}, {@code +.inf}, {@code .nan} in any case;
 *   <li>the words {@code null}, {@code ~}, {@code true}, {@code false}, {@code yes}, {@code no},
 *       {@code on}, {@code off}, {@code y}, {@code n}, in any case, and {@code <<}, {@code =}.
 * </ul>
 *
 * <p>Quoting more than strictly needed costs only two characters; quoting less changes a policy's
 * meaning (the attribute {@code "1e3"} would read back as the number 1000.0). The same rule applies
 * to keys.
 */
final class YamlQuoting extends StringQuotingChecker {
  private static final long serialVersionUID = 1L;

  /** Starts like a number, a date or a sexagesimal in YAML 1.1 or 1.2. */
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?\\.?[0-9].*", Pattern.DOTALL);

  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|nan)");
  private static final Set<String> WORDS =
      Set.of("null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "=", "");

  static final YamlQuoting INSTANCE = new YamlQuoting();

  private YamlQuoting() {}

  /** Whether a reader could take {@code s}, written plain, for something other than this string. */
  static boolean resolvesToNonString(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    return WORDS.contains(lower)
        || NUMBER_LIKE.matcher(s).matches()
        || SPECIAL_FLOAT.matcher(lower).matches();
  }

  @Override
  public boolean needToQuoteName(String name) {
    return Default.instance().needToQuoteName(name) || resolvesToNonString(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return Default.instance().needToQuoteValue(value) || resolvesToNonString(value);
  }
}
