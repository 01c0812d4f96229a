package parley.name;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A person's or room's name as it is stored: NFKC-normalised (fullwidth {@code Ａｌｉｃｅ} is {@code Alice}), without
 * invisible characters or bidi controls, each run of spaces one space, trimmed. An override (U+202E) shows what
 * follows backwards, and a zero-width space makes {@code admin} and {@code ad​min} two names that look one.
 */
public final class Names {

  private static final Pattern SPACES = Pattern.compile("\\p{Z}+");
  private static final int ZERO_WIDTH_JOINER = 0x200D;
  private static final int TEXT_PRESENTATION = 0xFE0E;
  private static final int EMOJI_PRESENTATION = 0xFE0F;

  private Names() {
  }

  /** The name to store, possibly empty (every caller then refuses it with its own error). */
  public static String clean(String raw) {
    String normalised = Normalizer.normalize(withoutInvisibles(raw), Normalizer.Form.NFKC);
    // Twice: NFKC turns a few characters (the Hangul fillers U+3164, U+FFA0) into invisible ones.
    return SPACES.matcher(withoutInvisibles(normalised)).replaceAll(" ").strip();
  }

  /**
   * Without Unicode's default-ignorable code points (zero-width space and joiners, word joiner, soft hyphen, BOM,
   * variation selectors, tags, fillers) and bidi controls, except what draws an emoji as intended: a variation
   * selector right after an emoji, and a zero-width joiner between two emoji (👩‍💻).
   */
  static String withoutInvisibles(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    int previous = -1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      int next = i < text.length() ? text.codePointAt(i) : -1;
      if (!invisible(c) || joinsEmoji(previous, c, next)) {
        kept.appendCodePoint(c);
        previous = c;
      }
    }
    return kept.toString();
  }

  static boolean invisible(int c) {
    return UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
      || UCharacter.hasBinaryProperty(c, UProperty.BIDI_CONTROL);
  }

  private static boolean joinsEmoji(int previous, int c, int next) {
    if (previous < 0) {
      return false;
    }
    if (c == EMOJI_PRESENTATION || c == TEXT_PRESENTATION) {
      return UCharacter.hasBinaryProperty(previous, UProperty.EMOJI);
    }
    return c == ZERO_WIDTH_JOINER && next >= 0
      && (previous == EMOJI_PRESENTATION || UCharacter.hasBinaryProperty(previous, UProperty.EXTENDED_PICTOGRAPHIC)
        || UCharacter.hasBinaryProperty(previous, UProperty.EMOJI_MODIFIER))
      && UCharacter.hasBinaryProperty(next, UProperty.EXTENDED_PICTOGRAPHIC);
  }
}
