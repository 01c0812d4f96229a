package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import parley.service.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A page of the web app (index.html, or the platform console's platform.html) with a version in the URL of every app file it names ({@code /js/chat.js?v=…}, the start of the file's
 * content hash), and an import map that gives the modules' own relative imports the same URLs. A URL with the
 * current version is cached for a year (see {@link FileETags}), so a returning browser revalidates this one page
 * instead of each of the app's modules; a changed file gets a new URL. The import map is the page's only inline
 * script, allowed by its hash in this response's Content-Security-Policy.
 */
final class AppPage implements Handler<RoutingContext> {

  private static final Pattern APP_FILE = Pattern.compile("(href|src)=\"(/(?:js|css)/[A-Za-z0-9/_.-]+\\.(?:js|css))\"");

  /** index.html as read from disk, and the app files it names. */
  private record Source(String etag, String html, List<String> paths) {
  }

  /** The page as built from one set of file versions. */
  private record Built(String versions, String html, String etag, String policy) {
  }

  private final Vertx vertx;
  private final FileETags files;
  private final String root;
  private final String index;
  private volatile Built built;
  private volatile Source source;

  /** {@code page}: the page's file under {@code root}, e.g. {@code index.html}. */
  AppPage(Vertx vertx, FileETags files, String root, String page) {
    this.vertx = vertx;
    this.files = files;
    this.root = root;
    this.index = root + "/" + page;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    page().onComplete(done -> {
      if (done.failed() || done.result() == null) {
        ctx.next();
        return;
      }
      Built page = done.result();
      HttpServerResponse response = ctx.response()
        .putHeader("Cache-Control", "no-cache")
        .putHeader("ETag", page.etag())
        .putHeader("Content-Security-Policy", page.policy());
      if (FileETags.matches(ctx.request().getHeader("If-None-Match"), page.etag())) {
        response.setStatusCode(304).end();
      } else {
        response.putHeader("Content-Type", "text/html;charset=UTF-8");
        response.end(method == HttpMethod.HEAD ? "" : page.html());
      }
    });
  }

  /** The page for the files as they are now; rebuilt only when index.html or a file it names changed. */
  private Future<Built> page() {
    return files.etagOf(index).compose(indexTag -> indexTag == null ? Future.succeededFuture(null)
      : source(indexTag).compose(read -> {
        String html = read.html();
        List<String> order = read.paths();
        List<Future<String>> tags = order.stream().map(path -> files.etagOf(root + path)).toList();
        return Future.all(tags).map(all -> {
          List<String> versions = new ArrayList<>();
          for (int i = 0; i < order.size(); i++) {
            String tag = tags.get(i).result();
            versions.add(tag == null ? null : FileETags.version(tag));
          }
          String key = indexTag + versions;
          Built known = built;
          if (known != null && known.versions().equals(key)) {
            return known;
          }
          built = build(key, html, order, versions);
          return built;
        });
      }));
  }

  private Future<Source> source(String indexTag) {
    Source known = source;
    if (known != null && known.etag().equals(indexTag)) {
      return Future.succeededFuture(known);
    }
    return vertx.fileSystem().readFile(index).map(content -> {
      String html = content.toString(StandardCharsets.UTF_8);
      Set<String> paths = new LinkedHashSet<>();
      Matcher references = APP_FILE.matcher(html);
      while (references.find()) {
        paths.add(references.group(2));
      }
      source = new Source(indexTag, html, List.copyOf(paths));
      return source;
    });
  }

  private static Built build(String key, String html, List<String> paths, List<String> versions) {
    Map<String, String> versioned = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      if (versions.get(i) != null) {
        versioned.put(paths.get(i), paths.get(i) + "?v=" + versions.get(i));
      }
    }
    String importMap = versioned.entrySet().stream().filter(entry -> entry.getKey().endsWith(".js"))
      .map(entry -> "\"" + entry.getKey() + "\": \"" + entry.getValue() + "\"")
      .collect(Collectors.joining(",\n    ", "{\"imports\": {\n    ", "\n  }}"));
    String page = APP_FILE.matcher(html).replaceAll(match -> {
      String path = versioned.getOrDefault(match.group(2), match.group(2));
      return match.group(1) + "=\"" + Matcher.quoteReplacement(path) + "\"";
    });
    // Before any stylesheet, script or preload: the map must be known before the first module is asked for.
    int first = page.indexOf("  <link");
    String script = "<script type=\"importmap\">" + importMap + "</script>";
    page = page.substring(0, first) + "  " + script + "\n" + page.substring(first);
    // The policy names the map by its SHA-256 in standard base64, as CSP wants it.
    return new Built(key, page, FileETags.hash(page.getBytes(StandardCharsets.UTF_8)),
      SecurityHeaders.allowingInlineScript(Base64.getEncoder().encodeToString(Sha256.of(importMap))));
  }
}
