package parley.db;

import io.vertx.pgclient.PgException;

/** PostgreSQL error codes Parley turns into answers instead of failures. */
public final class SqlErrors {

  private SqlErrors() {
  }

  public static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
      && (constraint == null || constraint.equals(pg.getConstraint()));
  }
}
