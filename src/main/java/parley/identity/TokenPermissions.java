package parley.identity;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.config.AppConfig;
import parley.role.Permission;
import parley.role.TokenGrant;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a token grants, from two optional maps: AUTH_PERMISSIONS_CLAIM's codes through AUTH_PERMISSION_MAP (code →
 * permission names), and AUTH_ROLES_CLAIM's roles through AUTH_ROLE_MAP (the provider's role → a Parley role's name).
 * A claim is read as named, or else as a dotted path ({@code realm_access.roles}); it holds an array or one value.
 */
public final class TokenPermissions {

  private final String codesClaim;
  private final Map<String, Set<Permission>> byCode;
  private final Set<Permission> governed;
  private final String rolesClaim;
  private final Map<String, String> byRole;

  private TokenPermissions(String codesClaim, Map<String, Set<Permission>> byCode, String rolesClaim, Map<String, String> byRole) {
    this.codesClaim = codesClaim;
    this.byCode = byCode;
    this.rolesClaim = rolesClaim;
    this.byRole = byRole;
    EnumSet<Permission> named = EnumSet.noneOf(Permission.class);
    byCode.values().forEach(named::addAll);
    this.governed = named;
  }

  /** The maps as configured; throws {@link IllegalArgumentException}, saying what is wrong, for settings that cannot work. */
  public static TokenPermissions of(AppConfig config) {
    String codesClaim = config.authPermissionsClaim().trim();
    String rolesClaim = config.authRolesClaim().trim();
    Map<String, Set<Permission>> byCode = new HashMap<>();
    map("AUTH_PERMISSIONS_CLAIM", codesClaim, "AUTH_PERMISSION_MAP", config.authPermissionMap()).forEach((code, names) -> {
      if (!(names instanceof JsonArray list) || list.isEmpty()) {
        throw new IllegalArgumentException("AUTH_PERMISSION_MAP: code " + code + " must map to an array of permission names");
      }
      EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
      for (Object name : list) {
        permissions.add(Permission.byName(name instanceof String text ? text : String.valueOf(name)).orElseThrow(() ->
          new IllegalArgumentException("AUTH_PERMISSION_MAP: code " + code + " names " + name + ", which is no permission; they are "
            + EnumSet.allOf(Permission.class).stream().map(Permission::apiName).toList())));
      }
      byCode.put(code, permissions);
    });
    Map<String, String> byRole = new HashMap<>();
    map("AUTH_ROLES_CLAIM", rolesClaim, "AUTH_ROLE_MAP", config.authRoleMap()).forEach((role, name) -> {
      if (!(name instanceof String text) || text.isBlank()) {
        throw new IllegalArgumentException("AUTH_ROLE_MAP: role " + role + " must map to the name of a Parley role");
      }
      byRole.put(role, text);
    });
    return new TokenPermissions(codesClaim, byCode, rolesClaim, byRole);
  }

  /** A claim and its map come together: a JSON object of at least one entry, or neither. */
  private static Map<String, Object> map(String claimSetting, String claim, String mapSetting, String raw) {
    if (claim.isEmpty() && raw.isBlank()) {
      return Map.of();
    }
    if (claim.isEmpty() || raw.isBlank()) {
      throw new IllegalArgumentException(claimSetting + " and " + mapSetting + " go together: give both, or neither");
    }
    JsonObject map;
    try {
      map = new JsonObject(raw);
    } catch (DecodeException | ClassCastException notAnObject) {
      throw new IllegalArgumentException(mapSetting + " must be a JSON object, e.g. " + (mapSetting.equals("AUTH_ROLE_MAP")
        ? "{\"chat-admin\": \"admin\"}" : "{\"565\": [\"delete_rooms\"]}"));
    }
    if (map.isEmpty()) {
      throw new IllegalArgumentException(mapSetting + " maps nothing");
    }
    Map<String, Object> entries = new HashMap<>();
    for (String key : map.fieldNames()) {
      entries.put(key, map.getValue(key));
    }
    return entries;
  }

  /** Null when neither map is configured: the token then grants nothing, as Parley's own tokens do. */
  TokenGrant grantOf(JsonObject claims) {
    if (codesClaim.isEmpty() && rolesClaim.isEmpty()) {
      return null;
    }
    EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
    if (!codesClaim.isEmpty()) {
      values(claims, codesClaim).forEach(code -> granted.addAll(byCode.getOrDefault(code, Set.of())));
    }
    Set<String> roles = null;
    if (!rolesClaim.isEmpty()) {
      roles = new LinkedHashSet<>();
      for (String role : values(claims, rolesClaim)) {
        String mapped = byRole.get(role);
        if (mapped != null) {
          roles.add(mapped);
        }
      }
    }
    return new TokenGrant(roles, granted, governed);
  }

  /** The claim's strings and whole numbers (written out, so that {@code 565} and {@code "565"} are one code). */
  private static List<String> values(JsonObject claims, String name) {
    Object claim = claims.containsKey(name) ? claims.getValue(name) : atPath(claims, name);
    Iterable<?> items = claim instanceof JsonArray list ? list : claim == null ? List.of() : List.of(claim);
    List<String> values = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof String text) {
        values.add(text);
      } else if (item instanceof Integer || item instanceof Long) {
        values.add(item.toString());
      }
    }
    return values;
  }

  private static Object atPath(JsonObject claims, String path) {
    Object at = claims;
    for (String step : path.split("\\.")) {
      if (!(at instanceof JsonObject object)) {
        return null;
      }
      at = object.getValue(step);
    }
    return at;
  }
}
