package parley.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import parley.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("Configuration")
class ConfigTest {

  @Test
  @DisplayName("environment variables override the defaults, typed like the defaults")
  void environmentOverrides() {
    AppConfig config = AppConfig.load(Map.of("PORT", "9090", "TRUST_PROXY", "true", "DATABASE_URL", "postgres://u@h/d"));
    assertEquals(9090, config.port());
    assertTrue(config.trustProxy());
    assertEquals("postgres://u@h/d", config.databaseUrl());
    assertEquals(15, config.authRateLimitPerMinute());
    assertEquals(12, config.bcryptCost());
  }

  @Test
  @DisplayName("rejects a malformed number or boolean with the setting's name")
  void rejectsMalformedValues() {
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> AppConfig.load(Map.of("PORT", "eighty")));
    assertTrue(port.getMessage().contains("PORT"), port.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AppConfig.load(Map.of("TRUST_PROXY", "yes")));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.withOverrides(new JsonObject().put("NO_SUCH_SETTING", 1)));
  }

  @Test
  @DisplayName("allowed origins come from PUBLIC_URL and ALLOWED_ORIGINS, normalised to scheme://host[:port]")
  void allowedOrigins() {
    AppConfig config = AppConfig.load(Map.of("PUBLIC_URL", "https://Chat.Example.org/app/",
      "ALLOWED_ORIGINS", "http://localhost:3000, https://chat.example.org"));
    assertEquals(List.of("https://chat.example.org", "http://localhost:3000"), config.allowedOrigins());
    assertEquals(List.of(), AppConfig.load(Map.of()).allowedOrigins());
  }

  @Test
  @DisplayName("widget origins come from WIDGET_ALLOWED_ORIGINS alone, normalised, and are none by default")
  void widgetOrigins() {
    AppConfig config = AppConfig.load(Map.of("PUBLIC_URL", "https://chat.example.org",
      "WIDGET_ALLOWED_ORIGINS", " https://Portal.Example.org/help , http://localhost:3000,https://portal.example.org"));
    assertEquals(List.of("https://portal.example.org", "http://localhost:3000"), config.widgetAllowedOrigins());
    assertEquals(List.of("https://chat.example.org"), config.allowedOrigins(), "widget hosts never get the cookie's trust");
    assertEquals(List.of(), AppConfig.load(Map.of()).widgetAllowedOrigins());
    assertThrows(IllegalArgumentException.class, () -> AppConfig.load(Map.of("WIDGET_ALLOWED_ORIGINS", "*")).widgetAllowedOrigins(),
      "every origin at once is not an origin");
  }

  @Test
  @DisplayName("without JWT_SECRET a secret is generated once, kept private in the data directory, and reused")
  void generatedSecretIsKept(@TempDir Path dataDir) throws Exception {
    AppConfig config = AppConfig.load(Map.of("PARLEY_DATA_DIR", dataDir.toString()));
    String first = Secrets.jwtSecret(config);
    assertTrue(first.length() >= 32);
    assertEquals(first, Secrets.jwtSecret(config));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret"))));
  }

  @Test
  @DisplayName("rejects start-up in production without JWT_SECRET, and a short JWT_SECRET, with a clear message")
  void rejectsProductionWithoutSecret(Vertx vertx, @TempDir Path dataDir) {
    AppConfig production = AppConfig.load(Map.of("PARLEY_ENV", "production", "PARLEY_DATA_DIR", dataDir.toString()));
    Throwable failure = assertThrows(Throwable.class, () -> Main.start(vertx, production).await());
    assertTrue(failure.getMessage().contains("JWT_SECRET is required"), failure.getMessage());
    assertTrue(Files.notExists(dataDir.resolve("jwt-secret")));
    IllegalStateException shortSecret = assertThrows(IllegalStateException.class,
      () -> Secrets.jwtSecret(AppConfig.load(Map.of("JWT_SECRET", "too-short"))));
    assertTrue(shortSecret.getMessage().contains("at least 32"), shortSecret.getMessage());
  }
}
