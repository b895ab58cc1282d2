package fr.passerelle.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator of a new installation, so that someone can sign in and create the others.
 *
 * @param username        the account's username
 * @param password        its temporary password; when empty, no account is created
 * @param departementCode the territory of the administration organisation it belongs to
 */
@ConfigurationProperties("passerelle.bootstrap-admin")
public record BootstrapAdminProperties(
        @DefaultValue("admin") String username,
        @DefaultValue("") String password,
        @DefaultValue("91") String departementCode) {
}
