package fr.passerelle.relais;

/** A step asked of an application in a status that does not allow it (already decided, withdrawn…). */
public class IllegalApplicationTransitionException extends RuntimeException {

    public IllegalApplicationTransitionException(String message) {
        super(message);
    }
}
