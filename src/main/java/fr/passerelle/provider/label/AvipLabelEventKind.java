package fr.passerelle.provider.label;

/** What happened to an AVIP label; every change leaves one event. */
public enum AvipLabelEventKind {

    /** The Caf granted the label for a period. */
    GRANTED,
    /** The label's period was extended. */
    RENEWED,
    /** The label was suspended, with a reason. */
    SUSPENDED,
    /** A suspended label was put back in force. */
    REINSTATED,
    /** The label was withdrawn for good, with a reason. */
    REVOKED
}
