package fr.passerelle.eligibility;

import java.util.EnumSet;
import java.util.Set;

import fr.passerelle.referral.Purpose;

/** A Caf's purposes as its administrators' page posts them: the ticked boxes of each column. */
public class PurposeSettingsForm {

    private Set<Purpose> offered = EnumSet.noneOf(Purpose.class);

    private Set<Purpose> eligible = EnumSet.noneOf(Purpose.class);

    private long version;

    public Set<Purpose> getOffered() {
        return offered;
    }

    public void setOffered(Set<Purpose> offered) {
        this.offered = offered;
    }

    public Set<Purpose> getEligible() {
        return eligible;
    }

    public void setEligible(Set<Purpose> eligible) {
        this.eligible = eligible;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
