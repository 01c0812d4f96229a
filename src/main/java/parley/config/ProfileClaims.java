package parley.config;

/**
 * The names of an external token's claims that Parley reads: the subject (who it is, for good) and what it shows of
 * them, taken afresh from each new token. An empty name reads nothing.
 */
public record ProfileClaims(String subject, String username, String displayName, String email, String avatarUrl,
                            String locale) {
}
