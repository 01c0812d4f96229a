package parley.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The JWT signing secret: JWT_SECRET, or one generated once and kept in the data directory so sessions survive restarts. */
public final class Secrets {

  private static final int MIN_LENGTH = 32;

  private Secrets() {
  }

  /** Blocking (file I/O). */
  public static String jwtSecret(AppConfig config) throws IOException {
    String configured = config.jwtSecret();
    if (!configured.isEmpty()) {
      if (configured.length() < MIN_LENGTH) {
        throw new IllegalStateException("JWT_SECRET must be at least " + MIN_LENGTH + " characters");
      }
      return configured;
    }
    if (config.production()) {
      throw new IllegalStateException("JWT_SECRET is required when PARLEY_ENV=production");
    }
    Path file = Path.of(config.dataDir(), "jwt-secret");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(file.getParent());
    Files.writeString(file, secret, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system; the data directory's own permissions apply
    }
    return secret;
  }
}
