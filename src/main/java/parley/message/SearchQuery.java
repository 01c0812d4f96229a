package parley.message;

import parley.bus.ApiError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a search asks, from its one line of text ({@code q}): words, each found whole or as a piece of a word;
 * "quoted phrases", found as written; and filters: {@code in:#room}, {@code from:@user}, {@code has:file},
 * {@code has:link}, {@code is:pinned}, {@code before:YYYY-MM-DD} (before that day began) and {@code after:YYYY-MM-DD}
 * (after that day ended), days in UTC. A filter given twice narrows twice (two rooms find nothing). Anything else with
 * a colon is a word. A query with nothing in it, a filter without a value, or a day that is not one is
 * {@code 400 invalid_search}.
 */
record SearchQuery(List<String> words, List<String> phrases, List<String> rooms, List<String> authors, boolean hasFile,
                   boolean hasLink, boolean pinned, LocalDate before, LocalDate after) {

  static final int MAX_LENGTH = 500;
  private static final int MAX_PARTS = 20;

  static SearchQuery parse(String q) {
    if (q == null || q.isBlank() || q.length() > MAX_LENGTH) {
      throw ApiError.INVALID_SEARCH.exception();
    }
    Builder query = new Builder();
    List<String> parts = split(q);
    if (parts.size() > MAX_PARTS) {
      throw ApiError.INVALID_SEARCH.exception();
    }
    for (String part : parts) {
      query.add(part);
    }
    return query.build();
  }

  /** Every word and phrase, as the snippet highlights them. */
  List<String> texts() {
    List<String> texts = new ArrayList<>(phrases);
    texts.addAll(words);
    return texts;
  }

  /** Parts separated by spaces; a quoted part (closed or not) is a phrase, kept with its opening quote. */
  private static List<String> split(String q) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int close = q.indexOf('"', i + 1);
        int end = close < 0 ? q.length() : close;
        parts.add("\"" + q.substring(i + 1, end));
        i = end + 1;
      } else {
        int end = i;
        while (end < q.length() && !Character.isWhitespace(q.charAt(end))) {
          end++;
        }
        parts.add(q.substring(i, end));
        i = end;
      }
    }
    return parts;
  }

  private static final class Builder {
    private final List<String> words = new ArrayList<>();
    private final List<String> phrases = new ArrayList<>();
    private final List<String> rooms = new ArrayList<>();
    private final List<String> authors = new ArrayList<>();
    private boolean hasFile;
    private boolean hasLink;
    private boolean pinned;
    private LocalDate before;
    private LocalDate after;

    void add(String part) {
      if (part.startsWith("\"")) {
        String phrase = part.substring(1).strip();
        if (!phrase.isEmpty()) {
          phrases.add(phrase);
        }
        return;
      }
      int colon = part.indexOf(':');
      String filter = colon < 0 ? "" : part.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : part.substring(colon + 1);
      switch (filter) {
        case "in" -> rooms.add(named(value, '#'));
        case "from" -> authors.add(named(value, '@'));
        case "has" -> {
          switch (value.toLowerCase(Locale.ROOT)) {
            case "file" -> hasFile = true;
            case "link" -> hasLink = true;
            default -> throw ApiError.INVALID_SEARCH.exception();
          }
        }
        case "is" -> {
          if (!value.equalsIgnoreCase("pinned")) {
            throw ApiError.INVALID_SEARCH.exception();
          }
          pinned = true;
        }
        case "before" -> before = laterOf(before, day(value), false);
        case "after" -> after = laterOf(after, day(value), true);
        default -> words.add(part);
      }
    }

    SearchQuery build() {
      if (words.isEmpty() && phrases.isEmpty() && rooms.isEmpty() && authors.isEmpty() && !hasFile && !hasLink && !pinned
        && before == null && after == null) {
        throw ApiError.INVALID_SEARCH.exception();
      }
      return new SearchQuery(List.copyOf(words), List.copyOf(phrases), List.copyOf(rooms), List.copyOf(authors), hasFile,
        hasLink, pinned, before, after);
    }

    /** {@code #general} or {@code general}; lower-cased, as names are compared. */
    private static String named(String value, char sign) {
      String name = value.startsWith(String.valueOf(sign)) ? value.substring(1) : value;
      if (name.isEmpty()) {
        throw ApiError.INVALID_SEARCH.exception();
      }
      return name.toLowerCase(Locale.ROOT);
    }

    private static LocalDate day(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException notADay) {
        throw ApiError.INVALID_SEARCH.exception();
      }
    }

    /** Two of one bound narrow: the earlier {@code before}, the later {@code after}. */
    private static LocalDate laterOf(LocalDate kept, LocalDate given, boolean later) {
      if (kept == null) {
        return given;
      }
      return later == given.isAfter(kept) ? given : kept;
    }
  }
}
