package parley.name;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@DisplayName("Names and their skeletons")
class NamesTest {

  @Test
  @DisplayName("cleaning drops bidi controls and invisible characters, normalises NFKC and makes each run of spaces one")
  void cleaning() {
    assertEquals("Alice", Names.clean("\u202EAl\u200Bi\u2060ce\u00AD\uFEFF\u2066\u2069\u061C\u200E"));
    assertEquals("Alice", Names.clean("Ａｌｉｃｅ"));
    assertEquals("Al ice", Names.clean(" \u00A0Al \u3000\u2003 ice\u2028"));
    assertEquals("", Names.clean("\u200B\u3164\uFFA0\u202E"));
    assertEquals("Bob", Names.clean("B\uFE0Fob"));
  }

  @Test
  @DisplayName("cleaning keeps what draws an emoji: a presentation selector after one, a joiner between two")
  void emoji() {
    assertEquals("Erin 👩‍💻", Names.clean("Erin 👩\u200D💻"));
    assertEquals("❤️‍🔥", Names.clean("❤\uFE0F\u200D🔥"));
    assertEquals("👍🏽", Names.clean("👍🏽"));
    assertEquals("a👩", Names.clean("a\u200D👩"));
  }

  @Test
  @DisplayName("look-alikes share a skeleton: other scripts, digits, case, and capitals drawn like small letters")
  void skeletons() {
    assertArrayEquals(new String[] {"general"}, Skeletons.of("g\u0435neral"));
    assertArrayEquals(Skeletons.of("general"), Skeletons.of("g\u0435neral"));
    assertShared("alice", "ALICE");
    assertShared("Alice", "AIice");
    assertShared("alice", "a1ice");
    assertShared("Mike", "\u041Cike");
    assertShared("admin", "adrnin");
    assertShared("bob", "B0B");
    assertShared("KIM", "\u039A\u0399\u039C");
    assertShared("Bob 👍", "Bob 👍\uFE0F");
    assertNotEquals(Skeletons.of("alice")[0], Skeletons.of("alina")[0]);
  }

  @Test
  @DisplayName("several names' skeletons come together without repeats")
  void together() {
    assertArrayEquals(new String[] {"bob", "bob b."}, Skeletons.of("bob", "Bob", "BOB B."));
  }

  private static void assertShared(String one, String other) {
    java.util.Set<String> mine = java.util.Set.of(Skeletons.of(one));
    assertEquals(true, java.util.Arrays.stream(Skeletons.of(other)).anyMatch(mine::contains), one + " and " + other);
  }
}
