package fr.passerelle.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answer links of offer emails: a token of 256 random bits, unguessable, given only to the email's recipient.
 * Only its SHA-256 is stored (the table alone opens nothing); the row binds it to one offer and one recipient, with the
 * offer's deadline as expiry and the answer it was used for. A tampered token matches no row.
 */
@Component
class AnswerLinks {

    /** 32 bytes in URL-safe Base64 without padding. */
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;

    /** A stored link. {@code usedFor} is {@code ACCEPTED} or {@code DECLINED} once used. */
    record Link(long id, long offerId, long recipientId, Instant expiresAt, Instant usedAt, String usedFor) {

        boolean isUsed() {
            return usedAt != null;
        }

        boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    AnswerLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new link for the recipient of an offer email, valid until {@code expiresAt}: the token to put in the email. */
    @Transactional(propagation = Propagation.MANDATORY)
    String issue(long offerId, long recipientId, Instant expiresAt, Instant now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        insert into offer_answer_link (token_hash, offer_id, recipient_id, expires_at, created_at)
                        values (?, ?, ?, ?, ?)""")
                .params(hash(token), offerId, recipientId, expiresAt.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))
                .update();
        return token;
    }

    /** The link of a token, if the token is well-formed and was issued. */
    Optional<Link> find(String token) {
        return select(token, "");
    }

    /** The same, its row locked until commit: two answers through one link are serialised, the second sees it used. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Link> findForUpdate(String token) {
        return select(token, " for update");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void markUsed(long linkId, String usedFor, Instant now) {
        jdbc.sql("update offer_answer_link set used_at = ?, used_for = ? where id = ? and used_at is null")
                .params(now.atOffset(ZoneOffset.UTC), usedFor, linkId)
                .update();
    }

    private Optional<Link> select(String token, String lock) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id, offer_id, recipient_id, expires_at, used_at, used_for
                        from offer_answer_link where token_hash = ?""" + lock)
                .param(hash(token))
                .query((rs, n) -> new Link(rs.getLong("id"), rs.getLong("offer_id"), rs.getLong("recipient_id"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("used_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null),
                        rs.getString("used_for")))
                .optional();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
        }
    }
}
