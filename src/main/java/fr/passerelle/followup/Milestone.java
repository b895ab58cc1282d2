package fr.passerelle.followup;

/** When the advisor is asked again whether the job or training continues. */
public enum Milestone {
    /** One month after it started ({@code passerelle.follow-up.one-month}). */
    ONE_MONTH,
    /** Six months after ({@code passerelle.follow-up.six-months}). */
    SIX_MONTHS
}
