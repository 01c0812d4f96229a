package parley.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorWordsTest {

  private static final Pattern ENTRY = Pattern.compile("(?m)^  ([a-z_]+): ");

  @Test
  @DisplayName("the web app words each error slug once: a second entry would silently win over the first")
  void eachSlugOnce() throws IOException {
    String source = Files.readString(Path.of("webroot/js/errors.js"));
    String words = source.substring(source.indexOf("const WORDS = {"), source.indexOf("\n};", source.indexOf("const WORDS = {")));
    Set<String> seen = new HashSet<>();
    List<String> twice = new ArrayList<>();
    Matcher entry = ENTRY.matcher(words);
    while (entry.find()) {
      if (!seen.add(entry.group(1))) {
        twice.add(entry.group(1));
      }
    }
    assertTrue(seen.size() > 50, "read the slugs of errors.js: " + seen.size());
    assertEquals(List.of(), twice);
  }
}
