package parley.config;

import java.util.Locale;

/**
 * AUTH_MODE: who signs people in. {@code local}, Parley's own accounts and passwords; {@code external}, only tokens an
 * identity provider issued (no registration, passwords or resets); {@code both}, either.
 */
public enum AuthMode {
  LOCAL, EXTERNAL, BOTH;

  public static AuthMode named(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("Setting AUTH_MODE has an invalid value: " + name + " (local, external or both)");
    }
  }

  public boolean localAccounts() {
    return this != EXTERNAL;
  }

  public boolean externalTokens() {
    return this != LOCAL;
  }
}
