package parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Another company's web page that embeds the Parley widget, served from a second local server on another origin
 * ({@code http://127.0.0.1:<port>}, while Parley is {@code http://localhost:<port>}). It sends a strict
 * Content-Security-Policy that allows Parley's origin and nothing inline, carries hostile CSS, and sets
 * {@code window.ParleyWidget.getToken} to ask its own backend ({@code /token}) for a token, as a host would. With
 * {@code ?late} the page sets it only some time after widget.js has run; with {@code ?no-parley-styles} its
 * style-src forgets Parley's origin. Violations of the policy are collected
 * in {@code window.violations}, and {@code window.tokensGiven} counts the tokens handed out.
 */
public final class HostPage implements AutoCloseable {

  public static final String HOSTILE_CSS = """
    * { display: block !important; color: red !important; font-family: "Courier New", monospace !important; }
    parley-widget { display: none !important; position: static !important; }
    button { visibility: hidden !important; background: yellow !important; }
    """;

  private static final String SETUP = """
    window.violations = [];
    document.addEventListener('securitypolicyviolation', event =>
      window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    window.tokensGiven = 0;
    const config = {getToken: async () => {
      const response = await fetch('/token', {cache: 'no-store'});
      if (!response.ok) throw new Error(`no token: ${response.status}`);
      window.tokensGiven++;
      return response.text();
    }};
    if (location.search.includes('late')) {
      setTimeout(() => { window.ParleyWidget = config; }, 800);
    } else {
      window.ParleyWidget = config;
    }
    """;

  private final HttpServer server;
  private volatile String parleyOrigin;
  private volatile Supplier<String> tokens;

  private HostPage(HttpServer server) {
    this.server = server;
  }

  /** Listening already, so that its origin can be given to Parley's WIDGET_ALLOWED_ORIGINS before Parley starts. */
  public static HostPage start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      HostPage page = new HostPage(server);
      server.createContext("/", page::handle);
      server.start();
      return page;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Parley this page embeds, and where its backend gets each token it hands out. */
  public void embed(TestServer parley, Supplier<String> tokens) {
    this.parleyOrigin = "http://localhost:" + parley.port;
    this.tokens = tokens;
  }

  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String url(String pathAndQuery) {
    return origin() + pathAndQuery;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/" -> respond(exchange, 200, "text/html; charset=utf-8", page(),
        policy(!String.valueOf(exchange.getRequestURI().getQuery()).contains("no-parley-styles")));
      case "/host.css" -> respond(exchange, 200, "text/css", HOSTILE_CSS, null);
      case "/host.js" -> respond(exchange, 200, "text/javascript", SETUP, null);
      case "/token" -> respond(exchange, 200, "text/plain", tokens.get(), null);
      default -> respond(exchange, 404, "text/plain", "not found", null);
    }
  }

  private String page() {
    return """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Acme customer portal</title>
        <link rel="stylesheet" href="/host.css">
        <script src="/host.js"></script>
        <script src="%s/widget.js" async></script>
      </head>
      <body>
        <h1>Acme customer portal</h1>
        <p>Your orders, your invoices, and a chat with our team.</p>
        <button type="button" id="host-button">A button of the host page</button>
      </body>
      </html>
      """.formatted(parleyOrigin);
  }

  /**
   * Scripts, styles and connections from this page and Parley only; nothing inline, no eval. Without
   * {@code parleyStyles}, as a page that forgot Parley in its style-src.
   */
  private String policy(boolean parleyStyles) {
    String websocket = parleyOrigin.replaceFirst("^http", "ws");
    return String.join("; ", "default-src 'none'", "script-src 'self' " + parleyOrigin,
      "style-src 'self'" + (parleyStyles ? " " + parleyOrigin : ""),
      "connect-src 'self' " + parleyOrigin + " " + websocket, "img-src 'self'", "base-uri 'none'", "form-action 'none'",
      "object-src 'none'");
  }

  private void respond(HttpExchange exchange, int status, String type, String body, String policy) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (policy != null) {
      exchange.getResponseHeaders().set("Content-Security-Policy", policy);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
