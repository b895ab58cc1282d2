package fr.passerelle.referral;

/**
 * A referral sent for a family whose département has no Caf using Passerelle: it would wait in a queue nobody sees.
 */
public class UnservedTerritoryException extends RuntimeException {

    public UnservedTerritoryException(String departementCode) {
        super("No Caf of département " + departementCode + " uses Passerelle");
    }
}
