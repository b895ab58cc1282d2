package fr.passerelle.routing;

import java.util.Objects;

/**
 * Which provider: its kind and its id in that kind's table ({@code home_care_service}, {@code childminder},
 * {@code creche}). The key of a candidate, as a routing page posts it back.
 */
public record ProviderRef(ProviderKind kind, long id) {

    public ProviderRef {
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code CHILDMINDER-12}: one value for a radio button. */
    public String key() {
        return kind.name() + "-" + id;
    }

    /**
     * Reads {@link #key()}.
     *
     * @throws IllegalArgumentException when {@code key} is not one
     */
    public static ProviderRef parse(String key) {
        int dash = key == null ? -1 : key.lastIndexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("Not a provider key: " + key);
        }
        try {
            return new ProviderRef(ProviderKind.valueOf(key.substring(0, dash)), Long.parseLong(key.substring(dash + 1)));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Not a provider key: " + key, ex);
        }
    }
}
