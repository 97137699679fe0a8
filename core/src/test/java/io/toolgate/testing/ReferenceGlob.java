package io.toolgate.testing;

import java.util.regex.Pattern;

/** The reference matcher: a glob translated to a java.util.regex pattern, for comparison only. */
public final class ReferenceGlob {
  private ReferenceGlob() {}

  /** Whether {@code input} matches {@code glob} by the documented semantics. */
  public static boolean matches(String glob, String input) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^/]*");
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(input).matches();
  }
}
