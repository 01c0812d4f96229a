package parley.message;

import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The part of a found message's text that shows why it was found: some words either side of the first place a word
 * or phrase of the search stands, cut at spaces and marked with an ellipsis where text goes on, and where in it each
 * of them stands ({@code highlights}, [start, end) offsets in UTF-16 units, as JavaScript counts). Plain text, never
 * markup: a client highlights by the offsets, so nothing of the message can pass for mark-up.
 */
record Snippet(String text, List<int[]> highlights) {

  static final int LENGTH = 160;
  private static final int BEFORE = 40;
  private static final String MORE = "…";

  static Snippet of(String content, List<String> texts) {
    int first = -1;
    for (String text : texts) {
      int at = indexOf(content, text, 0);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    int start = first <= BEFORE ? 0 : wordStart(content, first - BEFORE);
    int end = Math.min(content.length(), start + LENGTH);
    if (end < content.length()) {
      int space = content.lastIndexOf(' ', end);
      end = space > start + LENGTH / 2 ? space : end;
    }
    String prefix = start > 0 ? MORE : "";
    String text = prefix + content.substring(start, end).strip() + (end < content.length() ? MORE : "");
    int shift = prefix.length() - start - leadingSpaces(content, start, end);
    return new Snippet(text, highlights(content, texts, start, end, shift));
  }

  JsonArray highlightsJson() {
    JsonArray json = new JsonArray();
    highlights.forEach(range -> json.add(new JsonArray().add(range[0]).add(range[1])));
    return json;
  }

  /** Every place a text stands in [start, end), merged where they overlap, moved by {@code shift} into the snippet. */
  private static List<int[]> highlights(String content, List<String> texts, int start, int end, int shift) {
    List<int[]> found = new ArrayList<>();
    for (String text : texts) {
      for (int at = indexOf(content, text, start); at >= 0 && at + text.length() <= end; at = indexOf(content, text, at + text.length())) {
        found.add(new int[] {at, at + text.length()});
      }
    }
    found.sort(Comparator.comparingInt(range -> range[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] range : found) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && range[0] <= last[1]) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.add(range.clone());
      }
    }
    merged.forEach(range -> {
      range[0] += shift;
      range[1] += shift;
    });
    return merged;
  }

  /** Where {@code text} stands in {@code content} from {@code from} on, in any case; -1 where it does not. */
  private static int indexOf(String content, String text, int from) {
    if (text.isEmpty()) {
      return -1;
    }
    for (int at = from; at + text.length() <= content.length(); at++) {
      if (content.regionMatches(true, at, text, 0, text.length())) {
        return at;
      }
    }
    return -1;
  }

  private static int wordStart(String content, int at) {
    int space = content.indexOf(' ', at);
    return space < 0 || space > at + BEFORE / 2 ? at : space + 1;
  }

  private static int leadingSpaces(String content, int start, int end) {
    int spaces = 0;
    while (start + spaces < end && Character.isWhitespace(content.charAt(start + spaces))) {
      spaces++;
    }
    return spaces;
  }
}
