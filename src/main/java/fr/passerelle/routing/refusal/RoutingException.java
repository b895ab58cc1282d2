package fr.passerelle.routing.refusal;

/** A routing action the rules refuse; {@link #getMessageCode()} names the sentence to show (French and English). */
public abstract class RoutingException extends RuntimeException {

    private final String messageCode;

    RoutingException(String message, String messageCode) {
        super(message);
        this.messageCode = messageCode;
    }

    public String getMessageCode() {
        return messageCode;
    }
}
