package fr.passerelle.provider.availability;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How many of her AVIP places the childminder says are free, with the version she saw. */
public class FreePlacesForm {

    @NotNull(message = "{availability.freePlaces.required}")
    @Min(value = 0, message = "{availability.freePlaces.range}")
    @Max(value = 4, message = "{availability.freePlaces.range}")
    private Integer freePlaces;

    private long version = -1;

    public Integer getFreePlaces() {
        return freePlaces;
    }

    public void setFreePlaces(Integer freePlaces) {
        this.freePlaces = freePlaces;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
