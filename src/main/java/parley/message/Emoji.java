package parley.message;

import java.util.Map;
import java.util.Optional;

/**
 * What a reaction may be: one emoji (a single pictograph, flag, keycap, or a ZWJ sequence of pictographs with
 * skin tones and variation selectors) or a {@code :shortcode:} from {@link #SHORTCODES}, stored as its emoji so
 * {@code :+1:} and 👍 are the same reaction. Java 17 has no emoji property, so pictographs are told by the
 * Unicode blocks that hold them.
 */
public final class Emoji {

  static final Map<String, String> SHORTCODES = Map.ofEntries(
    Map.entry("+1", "👍"), Map.entry("thumbsup", "👍"), Map.entry("-1", "👎"), Map.entry("thumbsdown", "👎"),
    Map.entry("heart", "❤️"), Map.entry("smile", "😄"), Map.entry("laughing", "😆"), Map.entry("joy", "😂"),
    Map.entry("tada", "🎉"), Map.entry("rocket", "🚀"), Map.entry("eyes", "👀"), Map.entry("fire", "🔥"),
    Map.entry("clap", "👏"), Map.entry("pray", "🙏"), Map.entry("thinking", "🤔"), Map.entry("ok_hand", "👌"),
    Map.entry("wave", "👋"), Map.entry("100", "💯"), Map.entry("white_check_mark", "✅"), Map.entry("x", "❌"),
    Map.entry("warning", "⚠️"), Map.entry("star", "⭐"), Map.entry("cry", "😢"), Map.entry("open_mouth", "😮"),
    Map.entry("slightly_smiling_face", "🙂"), Map.entry("muscle", "💪"), Map.entry("coffee", "☕"),
    Map.entry("bulb", "💡"), Map.entry("question", "❓"), Map.entry("heavy_plus_sign", "➕"));

  private static final int MAX_LENGTH = 32;
  private static final int ZWJ = 0x200D;
  private static final int KEYCAP = 0x20E3;

  private Emoji() {
  }

  /** The reaction {@code text} stands for, or empty when it is not one emoji or known shortcode. */
  public static Optional<String> normalize(String text) {
    if (text.length() > 2 && text.startsWith(":") && text.endsWith(":")) {
      return Optional.ofNullable(SHORTCODES.get(text.substring(1, text.length() - 1)));
    }
    return text.length() <= MAX_LENGTH && isOneEmoji(text) ? Optional.of(text) : Optional.empty();
  }

  private static boolean isOneEmoji(String text) {
    int[] points = text.codePoints().toArray();
    if (points.length == 0) {
      return false;
    }
    if (isKeycapBase(points[0])) {
      // 1️⃣: a digit, # or *, an optional variation selector, then the combining keycap.
      return points.length == 3 && points[1] == 0xFE0F && points[2] == KEYCAP || points.length == 2 && points[1] == KEYCAP;
    }
    if (isRegionalIndicator(points[0])) {
      return points.length == 2 && isRegionalIndicator(points[1]);
    }
    boolean expectPictograph = true;
    for (int i = 0; i < points.length; i++) {
      int point = points[i];
      if (expectPictograph) {
        if (!isPictograph(point)) {
          return false;
        }
        expectPictograph = false;
      } else if (point == ZWJ) {
        expectPictograph = true;
      } else if (!isModifier(point) && !(isTag(point) && i > 0)) {
        return false;
      }
    }
    return !expectPictograph;
  }

  private static boolean isPictograph(int c) {
    return c >= 0x1F000 && c <= 0x1FAFF && !isRegionalIndicator(c) && !(c >= 0x1F3FB && c <= 0x1F3FF)
      || c >= 0x2600 && c <= 0x27BF || c >= 0x2300 && c <= 0x23FF || c >= 0x2B00 && c <= 0x2BFF
      || c >= 0x2190 && c <= 0x21FF || c >= 0x25A0 && c <= 0x25FF || c >= 0x2900 && c <= 0x297F
      || c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 || c == 0x24C2
      || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299;
  }

  /** Variation selector 16 (emoji presentation) and the five skin tones. */
  private static boolean isModifier(int c) {
    return c == 0xFE0F || c >= 0x1F3FB && c <= 0x1F3FF;
  }

  /** Tag characters, as in the flags of England, Scotland and Wales. */
  private static boolean isTag(int c) {
    return c >= 0xE0020 && c <= 0xE007F;
  }

  private static boolean isRegionalIndicator(int c) {
    return c >= 0x1F1E6 && c <= 0x1F1FF;
  }

  private static boolean isKeycapBase(int c) {
    return c >= '0' && c <= '9' || c == '#' || c == '*';
  }
}
