package parley.bus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@DisplayName("Moments in the API")
class TimesTest {

  private static String expected(OffsetDateTime time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  @Test
  @DisplayName("read as DateTimeFormatter.ISO_INSTANT writes them, whatever the offset, precision or year")
  void sameAsIsoInstant() {
    List<OffsetDateTime> times = new ArrayList<>();
    for (String text : List.of("2026-12-02T09:00:00Z", "2026-12-02T09:00:00.5Z", "2026-12-02T09:00:00.120Z",
      "2026-12-02T09:00:00.123456Z", "2026-12-02T09:00:00.000001Z", "2026-12-02T09:00:00.100000001Z", "1970-01-01T00:00:00Z",
      "2024-02-29T23:59:59.999999999Z", "1000-01-01T00:00:00Z", "0999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999999999Z",
      "1969-12-31T23:59:59.9Z", "2026-11-22T05:32:26.605479Z")) {
      times.add(OffsetDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC));
    }
    times.add(OffsetDateTime.of(2026, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    times.add(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    times.add(OffsetDateTime.of(-1, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC));
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      times.add(OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nano), ZoneOffset.ofTotalSeconds(random.nextInt(-64800, 64801))));
    }
    for (OffsetDateTime time : times) {
      assertEquals(expected(time), Times.iso(time), time::toString);
    }
    assertNull(Times.iso(null));
  }
}
