package parley.name;

import com.ibm.icu.text.SpoofChecker;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What names look like, as Unicode TS #39 confusable skeletons (ICU's {@link SpoofChecker#getSkeleton}): two names
 * that share a skeleton can be told apart only by someone who knows which letters are Cyrillic, Greek or digits
 * ({@code gеneral} with a Cyrillic е, {@code a1ice}, {@code adrnin}).
 *
 * <p>A name has two skeletons, as written and lower-cased, each lower-cased after the mapping: two names collide
 * when any of theirs are equal. One alone misses look-alikes: lower-casing first lets a Cyrillic or Greek capital
 * (М, Κ, Н) become its own small letter, no longer like the Latin one, and capital I (drawn like l) become i; mapping
 * first keeps {@code ALICE} apart from {@code alice}, since its I becomes l.
 */
public final class Skeletons {

  // Built once (it reads ICU's data, a third of a second); its checks may run on many threads at once.
  private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();

  private Skeletons() {
  }

  /** The skeletons of one or more names together, without repeats: what a row stores and what a new name is checked by. */
  public static String[] of(String... names) {
    Set<String> skeletons = new LinkedHashSet<>();
    for (String name : names) {
      String visible = Names.clean(name).codePoints().filter(c -> !Names.invisible(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      skeletons.add(lowerSkeleton(visible));
      skeletons.add(lowerSkeleton(visible.toLowerCase(Locale.ROOT)));
    }
    return skeletons.toArray(String[]::new);
  }

  // Mapped twice: lower-casing a skeleton can give a letter that maps on (M → m → rn).
  private static String lowerSkeleton(String text) {
    String once = CHECKER.getSkeleton(text).toLowerCase(Locale.ROOT);
    return CHECKER.getSkeleton(once).toLowerCase(Locale.ROOT);
  }
}
