package parley.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single sign-on as a browser goes through it, step by step: a client that does not follow redirects, so that each
 * step can be looked at, and carries the cookies by hand.
 */
public final class SsoBrowser {

  private final TestServer server;
  private final TestProvider provider;
  private final WebClient browser;

  public SsoBrowser(Vertx vertx, TestServer server, TestProvider provider) {
    this.server = server;
    this.provider = provider;
    this.browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  public WebClient client() {
    return browser;
  }

  /** A sign-in sent to the provider: the browser's cookie for it and the provider's authorization URL. */
  public record Started(String loginCookie, String authorizeUrl) {

    public Map<String, String> query() {
      return SsoBrowser.query(authorizeUrl);
    }
  }

  public Started begin() {
    HttpResponse<Buffer> started = browser.getAbs(server.url("/api/auth/oidc/start")).send().await();
    assertEquals(302, started.statusCode(), started.bodyAsString());
    return new Started(cookie(started, "parley_sso"), started.getHeader("Location"));
  }

  /** The provider signs the person in at once (it shows no form) and sends the browser back with a code. */
  public String atProvider(Started started) {
    HttpResponse<Buffer> authorized = browser.getAbs(started.authorizeUrl()).send().await();
    assertEquals(302, authorized.statusCode(), authorized.bodyAsString());
    String back = authorized.getHeader("Location");
    assertTrue(back.startsWith(server.url("/api/auth/oidc/callback?")), back);
    return back;
  }

  public HttpResponse<Buffer> callback(String url, String loginCookie) {
    return browser.getAbs(url).putHeader("Cookie", "parley_sso=" + loginCookie).send().await();
  }

  /** The whole way, as a browser goes it: the answer of Parley's callback. */
  public HttpResponse<Buffer> signIn(String subject, Map<String, Object> claims) {
    provider.nextSignIn(subject, claims);
    Started started = begin();
    return callback(atProvider(started), started.loginCookie());
  }

  /** The session cookie a successful callback set. */
  public String session(HttpResponse<Buffer> callback) {
    assertEquals(302, callback.statusCode(), callback.bodyAsString());
    assertEquals("/", callback.getHeader("Location"));
    String token = cookie(callback, "parley_token");
    assertNotNull(token, "no session cookie");
    return token;
  }

  /** Who {@code sessionCookie} signs in, as {@code GET /api/auth/me} says. */
  public JsonObject me(String sessionCookie) {
    HttpResponse<Buffer> me = browser.getAbs(server.url("/api/auth/me")).putHeader("Cookie", "parley_token=" + sessionCookie).send().await();
    assertEquals(200, me.statusCode(), me.bodyAsString());
    return me.bodyAsJsonObject().getJsonObject("user");
  }

  /** The value a Set-Cookie of the response gives {@code name}; null when it sets none (or clears it). */
  public static String cookie(HttpResponse<Buffer> response, String name) {
    return response.cookies().stream().filter(header -> header.startsWith(name + "="))
      .map(header -> header.substring(name.length() + 1).split(";", 2)[0]).filter(value -> !value.isEmpty())
      .findFirst().orElse(null);
  }

  public static Map<String, String> query(String url) {
    Map<String, String> params = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return params;
  }
}
