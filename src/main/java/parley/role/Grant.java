package parley.role;

import java.util.Set;

/** What one user may do right now: their role, its rank and its permissions. */
public record Grant(long userId, long tenantId, long roleId, String roleName, int rank, Set<Permission> permissions) {

  public boolean has(Permission permission) {
    return permissions.contains(permission);
  }

  /**
   * Whether deactivated people show with their names, or as {@code Person.MASKED_NAME}: only to those who may
   * reactivate them.
   */
  public boolean seesDeactivated() {
    return has(Permission.MANAGE_USERS);
  }
}
