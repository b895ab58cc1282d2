package fr.passerelle.system;

/** Someone changed the record since the user loaded it: their change would overwrite it, so it is refused. */
public class StaleDataException extends RuntimeException {

    public StaleDataException() {
        super("The record changed since it was loaded");
    }
}
