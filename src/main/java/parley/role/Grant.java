package parley.role;

import java.util.Set;

/** What one user may do right now: their role, its rank and its permissions. */
public record Grant(long userId, long tenantId, long roleId, String roleName, int rank, Set<Permission> permissions) {

  public boolean has(Permission permission) {
    return permissions.contains(permission);
  }
}
