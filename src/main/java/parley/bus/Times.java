package parley.bus;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the API writes a moment: ISO-8601 in UTC ({@code 2026-12-02T09:00:00Z}), or null for none. */
public final class Times {

  private Times() {
  }

  public static String iso(OffsetDateTime time) {
    return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
