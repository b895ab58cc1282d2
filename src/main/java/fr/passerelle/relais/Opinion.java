package fr.passerelle.relais;

/** The relais's opinion on an application: advice to the Caf, which decides. */
public enum Opinion {

    /** The facilitator supports the application. */
    FAVOURABLE,
    /** The facilitator does not support it; a comment says why. */
    UNFAVOURABLE
}
