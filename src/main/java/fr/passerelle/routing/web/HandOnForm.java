package fr.passerelle.routing.web;

import fr.passerelle.routing.offer.HandOnProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A Caf's automatic hand-on for one need, as the settings page posts it. */
public class HandOnForm {

    private boolean automatic;

    @NotNull
    @Min(1)
    @Max(HandOnProperties.MAX_HOPS_LIMIT)
    private Integer maxHops;

    private long version;

    public boolean isAutomatic() {
        return automatic;
    }

    public void setAutomatic(boolean automatic) {
        this.automatic = automatic;
    }

    public Integer getMaxHops() {
        return maxHops;
    }

    public void setMaxHops(Integer maxHops) {
        this.maxHops = maxHops;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
