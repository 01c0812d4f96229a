package parley.http;

import io.vertx.core.http.HttpMethod;
import parley.role.Permission;

/**
 * One signed-in REST route: which service answers it and which permission guards it ({@code null}: any signed-in
 * user, with the service deciding by membership or ownership). A guarded route is refused before its request is
 * read, unless {@code ownerToo}: the person it concerns (oneself, an announcement's sender) may use it without the
 * permission, which only the service can tell. The request sent to the service is the JSON body with the path
 * parameters (and, for GET, the query parameters) put in under their own names.
 */
public record ApiRoute(HttpMethod method, String path, String address, Permission permission, int successStatus, boolean ownerToo) {

  static ApiRoute get(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.GET, path, address, permission, 200, false);
  }

  static ApiRoute post(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.POST, path, address, permission, 200, false);
  }

  static ApiRoute create(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.POST, path, address, permission, 201, false);
  }

  static ApiRoute patch(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.PATCH, path, address, permission, 200, false);
  }

  static ApiRoute delete(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.DELETE, path, address, permission, 200, false);
  }

  /** This route, open also to the person it concerns without the permission. */
  ApiRoute orOwner() {
    return new ApiRoute(method, path, address, permission, successStatus, true);
  }

  /** Whether the route table alone refuses a caller without the permission. */
  public boolean guarded() {
    return permission != null && !ownerToo;
  }

  public String key() {
    return method.name() + " " + path;
  }
}
