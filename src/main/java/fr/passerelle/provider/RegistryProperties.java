package fr.passerelle.provider;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the registry.
 *
 * @param labelValidity how long a granted or renewed AVIP label lasts by default; the texts fix no duration, so the
 *                      administrator may change the dates of each grant, and this only fills the form
 */
@ConfigurationProperties("passerelle.registry")
public record RegistryProperties(@DefaultValue("P3Y") Period labelValidity) {

    public RegistryProperties {
        if (labelValidity == null || labelValidity.isZero() || labelValidity.isNegative()) {
            throw new IllegalArgumentException("passerelle.registry.label-validity must be a positive period");
        }
    }
}
