package parley.room;

import java.util.Locale;

/** What sort of conversation a room is. The lower-case names are the API and the {@code rooms.kind} column. */
public enum RoomKind {
  /** Named, public or private; what people browse, join and leave. */
  CHANNEL,
  /** Exactly two people, at most one per pair; nobody joins, leaves or is added. */
  DM,
  /** A private chat of 3–50 people, named by its members unless given a name. */
  GROUP;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RoomKind of(String column) {
    return valueOf(column.toUpperCase(Locale.ROOT));
  }
}
