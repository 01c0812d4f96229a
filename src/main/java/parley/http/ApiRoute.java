package parley.http;

import io.vertx.core.http.HttpMethod;
import parley.role.Permission;

/**
 * One signed-in REST route: which service answers it and which permission guards it ({@code null}: any signed-in
 * user, with the service deciding by membership or ownership). The request sent to the service is the JSON body
 * with the path parameters (and, for GET, the query parameters) put in under their own names.
 */
public record ApiRoute(HttpMethod method, String path, String address, Permission permission, int successStatus) {

  static ApiRoute get(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.GET, path, address, permission, 200);
  }

  static ApiRoute post(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.POST, path, address, permission, 200);
  }

  static ApiRoute create(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.POST, path, address, permission, 201);
  }

  static ApiRoute patch(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.PATCH, path, address, permission, 200);
  }

  static ApiRoute delete(String path, String address, Permission permission) {
    return new ApiRoute(HttpMethod.DELETE, path, address, permission, 200);
  }

  public String key() {
    return method.name() + " " + path;
  }
}
