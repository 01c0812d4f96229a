package parley.bus;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the API writes a moment: ISO-8601 in UTC ({@code 2026-12-02T09:00:00Z}), or null for none. */
public final class Times {

  private Times() {
  }

  /**
   * {@link DateTimeFormatter#ISO_INSTANT}'s text (seconds always, the fraction in groups of three digits as needed),
   * written by hand for years 1000 to 9999: the formatter took a tenth of the time of a page of history, where every
   * message carries a moment. TimesTest holds the two to the same text.
   */
  public static String iso(OffsetDateTime time) {
    if (time == null) {
      return null;
    }
    LocalDateTime utc = time.getOffset().equals(ZoneOffset.UTC) ? time.toLocalDateTime()
      : time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    int year = utc.getYear();
    if (year < 1000 || year > 9999) {
      return DateTimeFormatter.ISO_INSTANT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
    int nano = utc.getNano();
    int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    char[] text = new char[20 + (digits == 0 ? 0 : digits + 1)];
    put(text, 0, year, 4);
    text[4] = '-';
    put(text, 5, utc.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, utc.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, utc.getHour(), 2);
    text[13] = ':';
    put(text, 14, utc.getMinute(), 2);
    text[16] = ':';
    put(text, 17, utc.getSecond(), 2);
    if (digits > 0) {
      text[19] = '.';
      put(text, 20, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
    }
    text[text.length - 1] = 'Z';
    return new String(text);
  }

  /** {@code value} in {@code width} decimal digits, zero-padded, from {@code at}. */
  private static void put(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
