package parley.invite;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import parley.bus.Times;

import java.time.OffsetDateTime;

/** A registration code; {@code url} is the shareable link that opens the register form prefilled. */
record Invite(String code, String label, Integer maxUses, int uses, OffsetDateTime expiresAt, OffsetDateTime createdAt) {

  static final String COLUMNS = "code, label, max_uses, uses, expires_at, created_at";

  static Invite fromRow(Row row) {
    return new Invite(row.getString("code"), row.getString("label"), row.getInteger("max_uses"), row.getInteger("uses"),
      row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("created_at"));
  }

  JsonObject toJson(String publicUrl) {
    String base = publicUrl == null || publicUrl.isBlank() ? "" : publicUrl.replaceAll("/+$", "");
    return new JsonObject()
      .put("code", code)
      .put("label", label)
      .put("maxUses", maxUses)
      .put("uses", uses)
      .put("expiresAt", Times.iso(expiresAt))
      .put("createdAt", Times.iso(createdAt))
      .put("url", base + "/?invite=" + code);
  }
}
