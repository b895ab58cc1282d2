package fr.passerelle.notification.web;

/** The tabs of the administrators' outbox page: the {@code outbound_email.status} values. */
enum OutboxTab {

    /** Waiting for the sending job (first try or a retry after a failed attempt). */
    PENDING,
    /** Handed to the mail server. */
    SENT,
    /** Given up after the last attempt; an administrator may retry. */
    FAILED
}
