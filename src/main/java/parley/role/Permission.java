package parley.role;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a role may allow. The lower-case names are the API: roles are created and shown with them. */
public enum Permission {
  SEND_MESSAGES, BROWSE_ROOMS, JOIN_ROOMS, LEAVE_ROOMS, UPLOAD_FILES, MENTION_USERS, MENTION_EVERYONE, CREATE_ROOMS, KICK_USERS,
  SET_ROOM_TOPIC, DELETE_ROOMS, PROMOTE_USERS, MANAGE_INVITES, MANAGE_ROLES, CHANGE_DISPLAY_NAMES, DELETE_ANY_MESSAGE,
  /** Setting someone else's vacation, and clearing it. */
  MANAGE_PRESENCE,
  /** Sending announcements, and seeing how every one of them is read. */
  MANAGE_ANNOUNCEMENTS,
  VIEW_ADMIN,
  /** Deactivating and reactivating people, and handing them a password reset link. */
  MANAGE_USERS,
  /** Taking all of the organisation's data away as one archive: people, rooms, messages, files. */
  EXPORT_TENANT,
  /** Changing the organisation's own settings that are not the platform's (GET/PATCH /api/tenant/settings). */
  MANAGE_TENANT_SETTINGS,
  /** Pinning messages to the rooms one is in, and unpinning them, whoever wrote them. */
  PIN_MESSAGES;

  private static final Map<String, Permission> BY_NAME =
    Arrays.stream(values()).collect(Collectors.toMap(Permission::apiName, Function.identity()));

  public String apiName() {
    return name().toLowerCase();
  }

  public static Optional<Permission> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static Set<Permission> fromNames(Iterable<String> names) {
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    names.forEach(name -> byName(name).ifPresent(permissions::add));
    return permissions;
  }
}
