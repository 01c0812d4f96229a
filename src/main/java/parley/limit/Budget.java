package parley.limit;

import io.vertx.core.Vertx;
import parley.config.AppConfig;

import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MINUTES;

/**
 * Per-person budgets for what makes things or reaches other people, sized for people rather than scripts. The
 * service that does the action spends it, so REST, the bridge and slash commands share one budget per action; and
 * every verticle that spends one asks for it here, so they all count with the same limit under the same name.
 */
public enum Budget {

  /** New DMs and groups. */
  CONVERSATIONS("conversation", MINUTES, AppConfig::conversationRateLimitPerMinute),
  /** Bringing someone else into a room or group. */
  MEMBER_ADDS("memberAdd", MINUTES, AppConfig::memberAddRateLimitPerMinute),
  /** New rooms (channels), public or private. */
  ROOMS("roomCreate", HOURS, AppConfig::roomCreateRateLimitPerHour),
  /** Display names (one's own or someone else's) and room topics, together: each change is told to whole rooms. */
  RENAMES("rename", HOURS, AppConfig::renameRateLimitPerHour),
  /** New invite codes. */
  INVITES("invite", HOURS, AppConfig::inviteRateLimitPerHour);

  private final String name;
  private final TimeUnit window;
  private final ToIntFunction<AppConfig> limit;

  Budget(String name, TimeUnit window, ToIntFunction<AppConfig> limit) {
    this.name = name;
    this.window = window;
    this.limit = limit;
  }

  public RateLimiter limiter(Vertx vertx, AppConfig settings) {
    return RateLimiter.create(vertx, settings, name, limit.applyAsInt(settings), window.toMillis(1));
  }
}
