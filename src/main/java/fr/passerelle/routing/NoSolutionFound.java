package fr.passerelle.routing;

/** The officer found no provider for the family: the referral ends. Published in that transaction. */
public record NoSolutionFound(long referralId) {
}
