package parley.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;
import parley.tenant.TenantSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator gives to make or change a tenant, checked: a slug names its subdomain, so it is a host name's
 * label and never one of the names the install itself answers on; domains are bare host names, kept lower-case.
 * A field the form does not take is refused, so that nothing an operator sends is dropped unseen.
 */
record TenantForm(String slug, String name, List<String> domains, JsonObject settings) {

  static final int MAX_NAME = 100;
  static final int MAX_DOMAINS = 20;
  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$");
  private static final Set<String> RESERVED = Set.of("www", "api", "app", "admin", "platform", "default", "mail", "static",
    "assets", "status", "help", "docs", "health", "metrics", "eventbus", "login", "auth");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_HOST = 253;
  private static final Set<String> CREATE_FIELDS = Set.of("slug", "name", "domains", "settings");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "domains", "settings");

  /** A new tenant's form: slug and name required. */
  static TenantForm toCreate(JsonObject body) {
    onlyFields(body, CREATE_FIELDS);
    String slug = slug(body.getValue("slug"));
    String name = name(body.getValue("name"));
    if (name == null) {
      throw ApiError.INVALID_TENANT_NAME.exception();
    }
    return new TenantForm(slug, name, domains(body.getValue("domains")), settings(body.getValue("settings")));
  }

  /** A change: each field absent (null here) stays as it is. */
  static TenantForm toUpdate(JsonObject body) {
    onlyFields(body, UPDATE_FIELDS);
    return new TenantForm(null, name(body.getValue("name")), domains(body.getValue("domains")), settings(body.getValue("settings")));
  }

  private static void onlyFields(JsonObject body, Set<String> known) {
    if (!known.containsAll(body.fieldNames())) {
      throw ApiError.UNKNOWN_TENANT_FIELD.exception();
    }
  }

  /**
   * A change of the tenant's settings ({@link TenantSettings#with}), checked now so that a bad one changes nothing. The
   * identity provider is checked against what is stored, whose secrets a change may leave out, in the transaction that
   * stores it (a bad one undoes the rest there).
   */
  private static JsonObject settings(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject change)) {
      throw ApiError.INVALID_SETTING.exception();
    }
    JsonObject withoutProvider = change.copy();
    withoutProvider.remove("identity");
    TenantSettings.NONE.with(withoutProvider);
    return change;
  }

  private static String slug(Object value) {
    if (value instanceof String slug && SLUG.matcher(slug).matches() && !RESERVED.contains(slug)) {
      return slug;
    }
    throw ApiError.INVALID_SLUG.exception();
  }

  private static String name(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      String name = text.strip();
      if (!name.isEmpty() && name.codePointCount(0, name.length()) <= MAX_NAME && name.codePoints().noneMatch(Character::isISOControl)) {
        return name;
      }
    }
    throw ApiError.INVALID_TENANT_NAME.exception();
  }

  private static List<String> domains(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray list) || list.size() > MAX_DOMAINS) {
      throw ApiError.INVALID_DOMAIN.exception();
    }
    Set<String> domains = new LinkedHashSet<>();
    list.forEach(item -> domains.add(host(item)));
    return new ArrayList<>(domains);
  }

  /** A host name of two labels or more, as a browser sends it in Host, without the port; not an IP address. */
  private static String host(Object value) {
    if (value instanceof String text) {
      String host = text.strip().toLowerCase(Locale.ROOT);
      String[] labels = host.split("\\.", -1);
      if (host.length() <= MAX_HOST && labels.length >= 2
        && Arrays.stream(labels).allMatch(label -> LABEL.matcher(label).matches()) && labels[labels.length - 1].matches(".*[a-z].*")) {
        return host;
      }
    }
    throw ApiError.INVALID_DOMAIN.exception();
  }
}
