package parley.identity;

import parley.name.Names;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The username a provisioned person gets, made once from the username claim (the part before an {@code @}), else
 * from the subject: letters without their accents, lower case, anything outside {@code a–z 0–9 _ . -} as {@code _},
 * 3–32 characters; then a number when that is taken or looks like someone's name ({@code alice2}).
 */
final class Usernames {

  static final int MAX = 32;
  private static final String FALLBACK = "user";

  private Usernames() {
  }

  static String base(String claim, String subject) {
    String fromClaim = claim == null ? "" : cleaned(claim);
    if (fromClaim.length() >= 3) {
      return fromClaim;
    }
    String fromSubject = cleaned(subject);
    return fromSubject.length() >= 3 ? fromSubject : FALLBACK;
  }

  /** The {@code n}th choice, counting from 1: the base, then the base (cut short if need be) and n. */
  static String candidate(String base, int n) {
    if (n == 1) {
      return base;
    }
    String suffix = Integer.toString(n);
    return base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
  }

  private static String cleaned(String raw) {
    int at = raw.indexOf('@');
    String name = at > 0 ? raw.substring(0, at) : raw;
    String plain = Normalizer.normalize(Names.clean(name), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    String valid = plain.replaceAll("[^a-z0-9_.-]+", "_").replaceAll("^[_.-]+|[_.-]+$", "");
    return valid.length() > MAX ? valid.substring(0, MAX) : valid;
  }
}
