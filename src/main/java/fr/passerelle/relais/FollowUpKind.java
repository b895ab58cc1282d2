package fr.passerelle.relais;

/** A support action of the facilitator for a childminder, as the follow-up log records it. */
public enum FollowUpKind {

    /** A visit at the childminder's home. */
    VISIT,
    /** A telephone call. */
    CALL,
    /** A collective workshop of the relais the childminder attended. */
    WORKSHOP,
    /** A training the childminder followed or was directed to. */
    TRAINING
}
