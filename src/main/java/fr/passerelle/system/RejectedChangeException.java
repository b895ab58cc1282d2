package fr.passerelle.system;

/**
 * An administrative change that a rule forbids (the last administrator disabled, a role its organisation does not
 * allow…). It names the message to show and, when the rule is about one field, that field.
 */
public class RejectedChangeException extends RuntimeException {

    private final String messageCode;
    private final String field;
    private final transient Object[] arguments;

    public RejectedChangeException(String messageCode, String field) {
        this(messageCode, field, new Object[0]);
    }

    /** @param arguments what the message names, such as the unknown codes */
    public RejectedChangeException(String messageCode, String field, Object... arguments) {
        super("Change rejected: " + messageCode);
        this.messageCode = messageCode;
        this.field = field;
        this.arguments = arguments.clone();
    }

    public RejectedChangeException(String messageCode) {
        this(messageCode, null);
    }

    public String getMessageCode() {
        return messageCode;
    }

    public Object[] getArguments() {
        return arguments.clone();
    }

    /** The form field the rule is about, or {@code null} for the whole record. */
    public String getField() {
        return field;
    }
}
