package fr.passerelle.referral;

import java.util.Set;

/**
 * The purposes a Caf offers to advisors now, for the families of its département. Implemented where the Caf's
 * settings live (eligibility), so that this module need not depend on it.
 */
public interface PurposeCatalogue {

    /** The purposes offered for families of {@code departementCode}, never empty. */
    Set<Purpose> offeredIn(String departementCode);
}
