package parley.command;

import java.util.regex.Pattern;

/** The text after a command's name, read the way its usage line says; when it does not fit, {@link WrongUsage}. */
public record Arguments(String text) {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  public Arguments {
    text = text.strip();
  }

  /** Thrown (or failed with) when the arguments do not fit the usage line; the caller gets that line. */
  public static final class WrongUsage extends RuntimeException {
    WrongUsage() {
      super("wrong_usage", null, false, false);
    }
  }

  public void none() {
    if (!text.isEmpty()) {
      throw new WrongUsage();
    }
  }

  /** Exactly one word. */
  public String word() {
    if (text.isEmpty() || WHITESPACE.matcher(text).find()) {
      throw new WrongUsage();
    }
    return text;
  }

  /** All of it, inner spaces and line breaks included; it may not be empty. */
  public String rest() {
    if (text.isEmpty()) {
      throw new WrongUsage();
    }
    return text;
  }

  public String firstWord() {
    return WHITESPACE.split(rest(), 2)[0];
  }

  /** What follows the first word; empty when nothing does. */
  public Arguments afterFirstWord() {
    String[] parts = WHITESPACE.split(rest(), 2);
    return new Arguments(parts.length > 1 ? parts[1] : "");
  }

  /** People write {@code @bob} and {@code #design}; the names are {@code bob} and {@code design}. */
  public static String withoutSigil(String name) {
    return name.startsWith("@") || name.startsWith("#") ? name.substring(1) : name;
  }
}
