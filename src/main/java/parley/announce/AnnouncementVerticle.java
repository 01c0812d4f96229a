package parley.announce;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.bus.Addresses;
import parley.bus.ApiError;
import parley.bus.Caller;
import parley.bus.EventTypes;
import parley.bus.Fields;
import parley.bus.Services;
import parley.bus.Times;
import parley.limit.RateLimiter;
import parley.message.Emoji;
import parley.presence.Connected;
import parley.role.Grant;
import parley.role.Permission;
import parley.service.ServiceVerticle;

import java.util.List;

/**
 * Announcements: one-shot notices, not tied to a room, sent by those with {@code manage_announcements} to everyone
 * or to people, roles and channels, resolved to recipients once when sent. Each recipient has a row that goes
 * delivered → read → acknowledged; the sender watches the counts. Withdrawing hides it from recipients and keeps the
 * counts for the sender.
 */
public class AnnouncementVerticle extends ServiceVerticle {

  static final int MAX_TITLE = 200;
  static final int MAX_BODY = 10_000;
  static final int MAX_UNREAD_LISTED = 200;
  static final int MAX_EMOJI = 50;
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 100;

  private ReactionNews reactionNews;
  private AnnouncementStats stats;
  private Throttle progress;
  private RateLimiter changeLimiter;

  @Override
  protected void serveAll() {
    reactionNews = new ReactionNews(vertx, pool);
    stats = new AnnouncementStats(pool, permissions);
    progress = new Throttle(vertx, ReactionNews.EVERY_MS);
    // Reactions here draw on the same budget as reactions to messages.
    changeLimiter = RateLimiter.create(vertx, settings, "change", settings.messageRateLimitPerMinute(), 60_000);
    serve(Addresses.ANNOUNCEMENT_CREATE, message -> create(Caller.of(message), Services.body(message)));
    serve(Addresses.ANNOUNCEMENT_LIST, message -> list(Caller.of(message), Services.body(message)));
    serve(Addresses.ANNOUNCEMENT_SENT, message -> sent(Caller.of(message), Services.body(message)));
    serve(Addresses.ANNOUNCEMENT_GET, message -> get(Caller.of(message), Services.body(message)));
    serve(Addresses.ANNOUNCEMENT_READ, message -> mark(Caller.of(message), Services.body(message), false));
    serve(Addresses.ANNOUNCEMENT_ACK, message -> mark(Caller.of(message), Services.body(message), true));
    serve(Addresses.ANNOUNCEMENT_REACT, message -> react(Caller.of(message), Services.body(message)));
    serve(Addresses.ANNOUNCEMENT_STATS, message -> stats.of(Caller.of(message), Services.body(message)));
    serve(Addresses.ANNOUNCEMENT_WITHDRAW, message -> withdraw(Caller.of(message), Services.body(message)));
  }

  private Future<JsonObject> create(Caller caller, JsonObject body) {
    String title = text(body, "title", MAX_TITLE, false);
    String text = text(body, "body", MAX_BODY, true);
    Audience audience = Audience.from(body.getValue("audience"));
    boolean requireAck = Fields.optionalBoolean(body, "requireAck", false, ApiError.INVALID_ANNOUNCEMENT);
    return permissions.require(caller, Permission.MANAGE_ANNOUNCEMENTS)
      .compose(grant -> pool.withTransaction(sql -> AnnouncementRepository.known(sql, caller.tenantId(), audience)
        .compose(known -> known ? AnnouncementRepository.insert(sql, caller.tenantId(), caller.userId(), title, text, requireAck, audience)
          : Future.failedFuture(ApiError.INVALID_AUDIENCE.exception()))
        .compose(id -> AnnouncementRepository.resolve(sql, caller.tenantId(), id, caller.userId(), audience)
          .compose(recipients -> recipients.isEmpty() ? Future.failedFuture(ApiError.EMPTY_AUDIENCE.exception())
            : Future.succeededFuture(new Sent(id, recipients)))))
        .compose(sent -> AnnouncementRepository.find(pool, caller.tenantId(), caller.userId(), sent.id()).map(announcement -> {
          deliver(caller.tenantId(), announcement, sent.recipients());
          return new JsonObject().put("announcement", announcement.toSenderJson(grant.seesDeactivated()))
            .put("recipients", sent.recipients().size());
        })));
  }

  private record Sent(long id, List<Long> recipients) {
  }

  /** Tells each recipient at once, on every node; those connected right now count as delivered. */
  private void deliver(long tenantId, Announcement announcement, List<Long> recipients) {
    JsonObject event = new JsonObject().put("type", EventTypes.ANNOUNCEMENT_NEW).put("announcement", announcement.toNewJson());
    recipients.forEach(userId -> vertx.eventBus().publish(Addresses.user(userId), event));
    vertx.eventBus().send(Addresses.PUSH_ANNOUNCEMENT, new JsonObject().put("announcementId", Long.toString(announcement.id()))
      .put("title", announcement.title()).put("body", announcement.body()).put("senderName", announcement.sender().displayName()),
      Caller.tenantOnly(tenantId));
    Connected.among(vertx, tenantId, recipients)
      .compose(connected -> AnnouncementRepository.delivered(pool, announcement.id(), List.copyOf(connected)))
      .onSuccess(done -> progressed(announcement.id(), announcement.senderId()));
  }

  /** Its sender watches the counts climb: at most one event a second per announcement and node. */
  private void progressed(long announcementId, long senderId) {
    progress.ask(announcementId, () -> AnnouncementStats.counts(pool, announcementId).onSuccess(counts -> vertx.eventBus()
      .publish(Addresses.user(senderId), counts.put("type", EventTypes.ANNOUNCEMENT_PROGRESS).put("announcementId", Long.toString(announcementId)))));
  }

  /**
   * Unread first (all of them, up to 200), then the read ones, newest first, paged with {@code before}; and, for the
   * banners, all those still to acknowledge (up to 200), read or not.
   */
  private Future<JsonObject> list(Caller caller, JsonObject body) {
    long before = Fields.optionalCount(body, "before", Long.MAX_VALUE, ApiError.INVALID_CURSOR);
    int limit = Fields.limit(body, DEFAULT_PAGE, MAX_PAGE);
    return AnnouncementRepository.allDelivered(pool, caller.userId())
      .compose(done -> Future.all(
        before == Long.MAX_VALUE ? AnnouncementRepository.unread(pool, caller.tenantId(), caller.userId(), MAX_UNREAD_LISTED)
          : Future.succeededFuture(List.<Announcement>of()),
        AnnouncementRepository.read(pool, caller.tenantId(), caller.userId(), before, limit + 1),
        AnnouncementRepository.unreadCount(pool, caller.tenantId(), caller.userId()),
        AnnouncementRepository.awaitingAck(pool, caller.tenantId(), caller.userId(), MAX_UNREAD_LISTED),
        permissions.of(caller)))
      .map(all -> {
        List<Announcement> read = all.resultAt(1);
        boolean seesDeactivated = all.<Grant>resultAt(4).seesDeactivated();
        return new JsonObject().put("unread", json(all.<List<Announcement>>resultAt(0), seesDeactivated))
          .put("read", json(read.size() > limit ? read.subList(0, limit) : read, seesDeactivated))
          .put("unreadCount", all.<Long>resultAt(2)).put("more", read.size() > limit)
          .put("awaitingAck", json(all.<List<Announcement>>resultAt(3), seesDeactivated));
      });
  }

  private Future<JsonObject> sent(Caller caller, JsonObject body) {
    long before = Fields.optionalCount(body, "before", Long.MAX_VALUE, ApiError.INVALID_CURSOR);
    int limit = Fields.limit(body, DEFAULT_PAGE, MAX_PAGE);
    return permissions.of(caller)
      .compose(grant -> AnnouncementRepository.sent(pool, caller.tenantId(), caller.userId(),
        grant.has(Permission.MANAGE_ANNOUNCEMENTS), before, limit + 1, grant.seesDeactivated()))
      .map(sent -> new JsonObject().put("announcements", new JsonArray(sent.size() > limit ? sent.subList(0, limit) : sent))
        .put("more", sent.size() > limit));
  }

  private Future<JsonObject> get(Caller caller, JsonObject body) {
    return AnnouncementStats.viewable(pool, permissions, caller, Fields.id(body.getValue("announcementId")))
      .compose(announcement -> viewed(caller, announcement));
  }

  /** Read (idempotent), or acknowledged where the sender asked for it; the recipient's other devices hear of it. */
  private Future<JsonObject> mark(Caller caller, JsonObject body, boolean ack) {
    long announcementId = Fields.id(body.getValue("announcementId"));
    return AnnouncementRepository.find(pool, caller.tenantId(), caller.userId(), announcementId)
      .compose(found -> {
        if (found == null || !found.recipient() || found.withdrawnAt() != null) {
          return Future.failedFuture(ApiError.ANNOUNCEMENT_NOT_FOUND.exception());
        }
        if (ack && !found.requireAck()) {
          return Future.failedFuture(ApiError.ACK_NOT_REQUIRED.exception());
        }
        return AnnouncementRepository.mark(pool, caller.tenantId(), caller.userId(), announcementId, ack)
          .onSuccess(marked -> progressed(announcementId, found.senderId()));
      })
      .compose(marked -> Future.all(AnnouncementRepository.find(pool, caller.tenantId(), caller.userId(), announcementId),
        permissions.of(caller)))
      .map(both -> {
        Announcement announcement = both.resultAt(0);
        vertx.eventBus().publish(Addresses.user(caller.userId()), new JsonObject().put("type", EventTypes.ANNOUNCEMENT_READ)
          .put("announcementId", Long.toString(announcementId)).put("readAt", Times.iso(announcement.readAt()))
          .put("ackedAt", Times.iso(announcement.ackedAt())));
        return new JsonObject().put("announcement", announcement.toJson(both.<Grant>resultAt(1).seesDeactivated()));
      });
  }

  /** Recipients and the sender may react, each at most once per emoji; at most 50 different emoji. */
  private Future<JsonObject> react(Caller caller, JsonObject body) {
    long announcementId = Fields.id(body.getValue("announcementId"));
    String emoji = Emoji.normalize(Fields.string(body, "emoji", ApiError.INVALID_EMOJI)).orElseThrow(ApiError.INVALID_EMOJI::exception);
    boolean on = Fields.optionalBoolean(body, "on", true);
    return changeLimiter.spend(Long.toString(caller.userId()))
      .compose(spent -> AnnouncementRepository.find(pool, caller.tenantId(), caller.userId(), announcementId))
      .compose(found -> {
        if (found == null || found.withdrawnAt() != null || !found.recipient() && found.senderId() != caller.userId()) {
          return Future.failedFuture(ApiError.ANNOUNCEMENT_NOT_FOUND.exception());
        }
        return AnnouncementRepository.react(pool, announcementId, caller.userId(), emoji, on, MAX_EMOJI).compose(done -> done
          ? Future.succeededFuture(found) : Future.failedFuture(ApiError.TOO_MANY_REACTIONS.exception()));
      })
      .compose(found -> {
        reactionNews.changed(announcementId, found.senderId(), caller.userId(), emoji, on);
        return AnnouncementRepository.find(pool, caller.tenantId(), caller.userId(), announcementId);
      })
      .compose(announcement -> viewed(caller, announcement));
  }

  /** {@code {announcement}} as the caller sees it, its sender named as they may see them. */
  private Future<JsonObject> viewed(Caller caller, Announcement announcement) {
    return permissions.of(caller).map(grant -> new JsonObject()
      .put("announcement", announcement.toViewerJson(grant.seesDeactivated())));
  }

  /** Its sender, or anyone with {@code manage_announcements}; recipients are told it is gone. */
  private Future<JsonObject> withdraw(Caller caller, JsonObject body) {
    long announcementId = Fields.id(body.getValue("announcementId"));
    return AnnouncementStats.manageable(pool, permissions, caller, announcementId)
      .compose(announcement -> AnnouncementRepository.withdraw(pool, caller.tenantId(), announcementId))
      .compose(withdrawn -> !withdrawn ? Future.succeededFuture()
        : AnnouncementRepository.recipients(pool, announcementId).map(recipients -> {
          JsonObject event = new JsonObject().put("type", EventTypes.ANNOUNCEMENT_WITHDRAWN).put("announcementId", Long.toString(announcementId));
          recipients.forEach(userId -> vertx.eventBus().publish(Addresses.user(userId), event));
          return null;
        }))
      .map(done -> new JsonObject().put("withdrawn", true));
  }

  private static JsonArray json(List<Announcement> announcements, boolean seesDeactivated) {
    return new JsonArray(announcements.stream().map(announcement -> announcement.toJson(seesDeactivated)).toList());
  }

  /** A title (one line) or body (newlines and tabs allowed): stripped, not empty, within {@code max} characters. */
  private static String text(JsonObject body, String field, int max, boolean multiline) {
    String text = Fields.string(body, field, ApiError.INVALID_ANNOUNCEMENT).strip();
    if (text.isEmpty() || text.codePointCount(0, text.length()) > max
      || text.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
      throw ApiError.INVALID_ANNOUNCEMENT.exception();
    }
    return text;
  }
}
