package fr.passerelle.routing.web;

import fr.passerelle.routing.ProviderRef;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The officer's "Proposer" form of one candidate. */
public class OfferForm {

    /** Longest message to a provider. */
    public static final int MESSAGE_MAX = 1000;

    /** {@link ProviderRef#key()} of the candidate. */
    @NotBlank
    private String provider;

    @Size(max = MESSAGE_MAX)
    private String message;

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
