package parley.auth;

/** The built-in roles, lowest first. A later issue replaces this with custom roles and granular permissions. */
public enum Role {
  MEMBER, MODERATOR, SUPERADMIN;

  public String id() {
    return name().toLowerCase();
  }

  public static Role of(String id) {
    return valueOf(id.toUpperCase());
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}
