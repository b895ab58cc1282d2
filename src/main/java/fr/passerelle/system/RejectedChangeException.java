package fr.passerelle.system;

/**
 * An administrative change that a rule forbids (the last administrator disabled, a role its organisation does not
 * allow…). It names the message to show and, when the rule is about one field, that field.
 */
public class RejectedChangeException extends RuntimeException {

    private final String messageCode;
    private final String field;

    public RejectedChangeException(String messageCode, String field) {
        super("Change rejected: " + messageCode);
        this.messageCode = messageCode;
        this.field = field;
    }

    public RejectedChangeException(String messageCode) {
        this(messageCode, null);
    }

    public String getMessageCode() {
        return messageCode;
    }

    /** The form field the rule is about, or {@code null} for the whole record. */
    public String getField() {
        return field;
    }
}
