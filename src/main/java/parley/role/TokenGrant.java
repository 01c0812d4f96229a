package parley.role;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.ApiError;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an identity provider's token says its bearer may do, for the requests it comes with and never stored:
 * {@code roles}, the Parley roles its roles claim maps to (null when roles are not taken from tokens: the stored role
 * holds); {@code granted}, the permissions its codes map to; {@code governed}, every permission the code map names,
 * which the codes alone decide. It travels with each request as {@link parley.bus.Caller#TOKEN_GRANT_HEADER}.
 */
public record TokenGrant(Set<String> roles, Set<Permission> granted, Set<Permission> governed) {

  public TokenGrant {
    roles = roles == null ? null : Set.copyOf(roles);
    granted = Set.copyOf(granted);
    governed = Set.copyOf(governed);
  }

  /** The permissions of {@code role} (the token's or the stored one), those the codes govern replaced by the codes'. */
  Grant applyTo(Grant role) {
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    role.permissions().stream().filter(permission -> !governed.contains(permission)).forEach(permissions::add);
    permissions.addAll(granted);
    return new Grant(role.userId(), role.tenantId(), role.roleId(), role.roleName(), role.rank(), permissions);
  }

  public String encode() {
    JsonObject json = new JsonObject().put("granted", names(granted)).put("governed", names(governed));
    if (roles != null) {
      json.put("roles", new JsonArray(roles.stream().sorted().toList()));
    }
    return json.encode();
  }

  /** Null for null: a request without a provider's grant. Only Parley writes the header, so a bad one is a bug. */
  public static TokenGrant decode(String encoded) {
    if (encoded == null) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(encoded);
      JsonArray roles = json.getJsonArray("roles");
      Set<String> roleNames = null;
      if (roles != null) {
        roleNames = new LinkedHashSet<>();
        for (Object role : roles) {
          roleNames.add((String) role);
        }
      }
      return new TokenGrant(roleNames, permissions(json.getJsonArray("granted")), permissions(json.getJsonArray("governed")));
    } catch (DecodeException | ClassCastException | NullPointerException malformed) {
      throw ApiError.UNAUTHENTICATED.exception();
    }
  }

  private static JsonArray names(Set<Permission> permissions) {
    return new JsonArray(permissions.stream().sorted().map(Permission::apiName).toList());
  }

  @SuppressWarnings("unchecked")
  private static Set<Permission> permissions(JsonArray names) {
    return Permission.fromNames((Iterable<String>) (Iterable<?>) names.getList());
  }
}
