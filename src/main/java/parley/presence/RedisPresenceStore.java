package parley.presence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Presence in Redis, shared by every node. Per tenant: {@code conns} (a sorted set of {@code user/connection} by
 * expiry, for sweeping), {@code u:<user>} (that user's connections by expiry), {@code idle} (the idle ones),
 * {@code status} and {@code announced} (hashes by user; {@code status} also marks that it learned the tenant's
 * statuses, a mark a Redis that restarts forgets with them), {@code connected} (who the platform's operators were told
 * is connected); and the set of tenants with presence. Every call gives
 * up after {@link #TIMEOUT_MS}, so a stuck Redis makes presence unknown instead of holding requests.
 */
final class RedisPresenceStore implements PresenceStore {

  private static final long TIMEOUT_MS = 2000;
  /** The field of a tenant's {@code status} hash saying it holds every status kept there; user ids are numbers. */
  private static final String KNOWN = "known";

  /** Answers the users (ARGV: user, state, user, state, …) whose state changed; one step, so one node is answered. */
  private static final String ANNOUNCE = """
    local changed = {}
    for i = 1, #ARGV, 2 do
      local before = redis.call('HGET', KEYS[1], ARGV[i])
      if before ~= ARGV[i + 1] then
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
        table.insert(changed, ARGV[i])
      end
    end
    return changed""";

  private final Redis redis;
  /** Several installs (or test servers) can share one Redis, each under its own prefix. */
  private final String prefix;
  private final String tenants;

  RedisPresenceStore(Vertx vertx, String url, String keyPrefix) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxWaitingHandlers(10_000)
      .setMaxPoolSize(8).setMaxPoolWaiting(10_000));
    this.prefix = keyPrefix + "presence:";
    this.tenants = prefix + "tenants";
  }

  private String key(long tenantId, String part) {
    return prefix + tenantId + ":" + part;
  }

  private static String member(long userId, String connectionId) {
    return userId + "/" + connectionId;
  }

  @Override
  public Future<Void> touch(long tenantId, long userId, String connectionId, Boolean idle, long expiresAt) {
    String member = member(userId, connectionId);
    List<Request> requests = new ArrayList<>(List.of(
      Request.cmd(Command.SADD).arg(tenants).arg(tenantId),
      Request.cmd(Command.ZADD).arg(key(tenantId, "conns")).arg(expiresAt).arg(member),
      Request.cmd(Command.ZADD).arg(key(tenantId, "u:" + userId)).arg(expiresAt).arg(connectionId)));
    if (idle != null) {
      requests.add(Request.cmd(idle ? Command.SADD : Command.SREM).arg(key(tenantId, "idle")).arg(member));
    }
    return batch(requests).mapEmpty();
  }

  @Override
  public Future<Void> drop(long tenantId, long userId, String connectionId) {
    String member = member(userId, connectionId);
    return batch(List.of(
      Request.cmd(Command.ZREM).arg(key(tenantId, "conns")).arg(member),
      Request.cmd(Command.ZREM).arg(key(tenantId, "u:" + userId)).arg(connectionId),
      Request.cmd(Command.SREM).arg(key(tenantId, "idle")).arg(member))).mapEmpty();
  }

  /** Three round trips whatever the number of users: their statuses and connections, then which are idle. */
  @Override
  public Future<Snapshot> of(long tenantId, Set<Long> userIds, long now) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(new Snapshot(new Statuses(Map.of(), true), Map.of()));
    }
    List<Long> users = List.copyOf(userIds);
    List<Request> reads = new ArrayList<>();
    reads.add(readStatuses(tenantId, users));
    for (long userId : users) {
      reads.add(Request.cmd(Command.ZRANGEBYSCORE).arg(key(tenantId, "u:" + userId)).arg("(" + now).arg("+inf"));
    }
    return batch(reads).compose(replies -> {
      Statuses statuses = statusesIn(replies.get(0), users);
      List<String> members = new ArrayList<>();
      for (int i = 0; i < users.size(); i++) {
        long userId = users.get(i);
        replies.get(i + 1).forEach(connection -> members.add(member(userId, connection.toString())));
      }
      Map<Long, List<Boolean>> connections = new HashMap<>();
      users.forEach(userId -> connections.put(userId, new ArrayList<>()));
      if (members.isEmpty()) {
        return Future.succeededFuture(new Snapshot(statuses, connections));
      }
      Request idle = Request.cmd(Command.SMISMEMBER).arg(key(tenantId, "idle"));
      members.forEach(idle::arg);
      return send(idle).map(flags -> {
        for (int i = 0; i < members.size(); i++) {
          connections.get(userOf(members.get(i))).add(flags.get(i).toInteger() == 1);
        }
        return new Snapshot(statuses, connections);
      });
    });
  }

  /** One round trip for every tenant, each a count of a set. */
  @Override
  public Future<Map<Long, Integer>> onlineCounts(Collection<Long> tenantIds) {
    List<Long> tenants = List.copyOf(tenantIds);
    if (tenants.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Request> reads = new ArrayList<>();
    tenants.forEach(tenantId -> reads.add(Request.cmd(Command.SCARD).arg(key(tenantId, "connected"))));
    return batch(reads).map(replies -> {
      Map<Long, Integer> counts = new HashMap<>();
      for (int i = 0; i < tenants.size(); i++) {
        counts.put(tenants.get(i), replies.get(i).toInteger());
      }
      return counts;
    });
  }

  @Override
  public Future<Statuses> statuses(long tenantId, Collection<Long> userIds) {
    List<Long> users = List.copyOf(userIds);
    return send(readStatuses(tenantId, users)).map(reply -> statusesIn(reply, users));
  }

  /** The tenant's known mark, then each user's status. */
  private Request readStatuses(long tenantId, List<Long> users) {
    Request read = Request.cmd(Command.HMGET).arg(key(tenantId, "status")).arg(KNOWN);
    users.forEach(read::arg);
    return read;
  }

  private static Statuses statusesIn(Response reply, List<Long> users) {
    Map<Long, Status> found = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      Response status = reply.get(i + 1);
      if (status != null) {
        found.put(users.get(i), Status.fromJson(new JsonObject(status.toString())));
      }
    }
    return new Statuses(found, reply.get(0) != null);
  }

  private static long userOf(String member) {
    return Long.parseLong(member.substring(0, member.indexOf('/')));
  }

  @Override
  public Future<Void> setStatus(long tenantId, long userId, Status status) {
    return send(Request.cmd(Command.HSET).arg(key(tenantId, "status")).arg(userId).arg(status.toJson().encode())).mapEmpty();
  }

  /** The known mark goes last, so that it is there only once every status is. */
  @Override
  public Future<Void> learn(long tenantId, Map<Long, Status> kept) {
    String statuses = key(tenantId, "status");
    List<Request> writes = new ArrayList<>();
    kept.forEach((userId, status) ->
      writes.add(Request.cmd(Command.HSETNX).arg(statuses).arg(userId).arg(status.toJson().encode())));
    writes.add(Request.cmd(Command.HSET).arg(statuses).arg(KNOWN).arg(1));
    return batch(writes).mapEmpty();
  }

  @Override
  public Future<Snapshot> snapshot(long tenantId, long now) {
    return batch(List.of(
      Request.cmd(Command.HGETALL).arg(key(tenantId, "status")),
      Request.cmd(Command.ZRANGEBYSCORE).arg(key(tenantId, "conns")).arg("(" + now).arg("+inf"),
      Request.cmd(Command.SMEMBERS).arg(key(tenantId, "idle")))).map(replies -> {
        Map<Long, Status> statuses = new HashMap<>();
        Response hash = replies.get(0);
        for (String field : hash.getKeys()) {
          if (!field.equals(KNOWN)) {
            statuses.put(Long.parseLong(field), Status.fromJson(new JsonObject(hash.get(field).toString())));
          }
        }
        Set<String> idle = new HashSet<>();
        replies.get(2).forEach(member -> idle.add(member.toString()));
        Map<Long, List<Boolean>> connections = new HashMap<>();
        replies.get(1).forEach(member -> {
          long userId = userOf(member.toString());
          connections.computeIfAbsent(userId, u -> new ArrayList<>()).add(idle.contains(member.toString()));
        });
        return new Snapshot(new Statuses(statuses, hash.containsKey(KNOWN)), connections);
      });
  }

  @Override
  public Future<Map<Long, Set<Long>>> sweep(long now) {
    return send(Request.cmd(Command.SMEMBERS).arg(tenants)).compose(tenants -> {
      Map<Long, Set<Long>> lost = new HashMap<>();
      List<Future<?>> sweeps = new ArrayList<>();
      tenants.forEach(tenant -> sweeps.add(sweepTenant(Long.parseLong(tenant.toString()), now, lost)));
      return Future.all(sweeps).map(done -> lost);
    });
  }

  /** ZREM answers 1 to one node only, so only that node reports the expired connection. */
  private Future<Void> sweepTenant(long tenantId, long now, Map<Long, Set<Long>> lost) {
    String conns = key(tenantId, "conns");
    return send(Request.cmd(Command.ZRANGEBYSCORE).arg(conns).arg("-inf").arg(now)).compose(expired -> {
      List<Future<?>> removals = new ArrayList<>();
      expired.forEach(entry -> {
        String member = entry.toString();
        long userId = Long.parseLong(member.substring(0, member.indexOf('/')));
        String connectionId = member.substring(member.indexOf('/') + 1);
        removals.add(send(Request.cmd(Command.ZREM).arg(conns).arg(member)).compose(removed -> {
          if (removed.toInteger() == 0) {
            return Future.succeededFuture();
          }
          lost.computeIfAbsent(tenantId, t -> new HashSet<>()).add(userId);
          return drop(tenantId, userId, connectionId);
        }));
      });
      return Future.all(removals).mapEmpty();
    });
  }

  @Override
  public Future<Set<Long>> announce(long tenantId, Map<Long, String> states) {
    if (states.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Request script = Request.cmd(Command.EVAL).arg(ANNOUNCE).arg(1).arg(key(tenantId, "announced"));
    states.forEach((userId, state) -> script.arg(userId).arg(state));
    return send(script).map(changed -> {
      Set<Long> users = new HashSet<>();
      changed.forEach(userId -> users.add(Long.parseLong(userId.toString())));
      return users;
    });
  }

  @Override
  public Future<Map<Long, String>> announced(long tenantId, List<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Request read = Request.cmd(Command.HMGET).arg(key(tenantId, "announced"));
    userIds.forEach(read::arg);
    return send(read).map(states -> {
      Map<Long, String> found = new HashMap<>();
      for (int i = 0; i < userIds.size(); i++) {
        if (states.get(i) != null) {
          found.put(userIds.get(i), states.get(i).toString());
        }
      }
      return found;
    });
  }

  /** One round trip: each person's mark added or removed (1 when that changed it), then the tenant's count. */
  @Override
  public Future<ConnectedMarks> markConnected(long tenantId, Map<Long, Boolean> marks) {
    String key = key(tenantId, "connected");
    List<Long> users = List.copyOf(marks.keySet());
    List<Request> requests = new ArrayList<>();
    users.forEach(userId -> requests.add(Request.cmd(marks.get(userId) ? Command.SADD : Command.SREM).arg(key).arg(userId)));
    requests.add(Request.cmd(Command.SCARD).arg(key));
    return batch(requests).map(replies -> {
      Set<Long> changed = new HashSet<>();
      for (int i = 0; i < users.size(); i++) {
        if (replies.get(i).toInteger() == 1) {
          changed.add(users.get(i));
        }
      }
      return new ConnectedMarks(changed, replies.get(users.size()).toLong());
    });
  }

  @Override
  public Future<Void> close() {
    redis.close();
    return Future.succeededFuture();
  }

  private Future<Response> send(Request request) {
    return redis.send(request).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private Future<List<Response>> batch(List<Request> requests) {
    return redis.batch(requests).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }
}
