package fr.passerelle.organisation;

import fr.passerelle.system.EmailAddresses;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator of a new installation, so that someone can sign in and create the others.
 *
 * @param username        the account's username
 * @param password        its temporary password; when empty, no account is created
 * @param departementCode the territory of the administration organisation it belongs to
 * @param email           its email address; optional (it can be added from its "Mon compte" page), refused at
 *                        start-up when it is not a valid address
 */
@ConfigurationProperties("passerelle.bootstrap-admin")
public record BootstrapAdminProperties(
        @DefaultValue("admin") String username,
        @DefaultValue("") String password,
        @DefaultValue("91") String departementCode,
        @DefaultValue("") String email) {

    public BootstrapAdminProperties {
        String address = EmailAddresses.normalise(email);
        if (address != null && !EmailAddresses.isValid(address)) {
            throw new IllegalArgumentException("PASSERELLE_BOOTSTRAP_ADMIN_EMAIL is not a valid email address");
        }
        email = address == null ? "" : address;
    }
}
