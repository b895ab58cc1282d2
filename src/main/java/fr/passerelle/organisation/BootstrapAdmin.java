package fr.passerelle.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first administrator of an installation that has no enabled one, from configuration. It does nothing
 * while an administrator can sign in, so the configured password is only ever a temporary starting point.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    static final String ORGANISATION_NAME = "Administration Passerelle";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;

    BootstrapAdmin(BootstrapAdminProperties properties, OrganisationRepository organisations,
            UserAccountRepository users, PasswordEncoder passwordEncoder) {
        this.properties = properties;
        this.organisations = organisations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (properties.password().isBlank() || users.existsByRoleAndEnabledTrue(Role.ADMIN)
                || users.existsByUsername(UserAccount.normaliseUsername(properties.username()))) {
            return;
        }
        Organisation administration = organisations
                .findByKindAndName(OrganisationKind.ADMINISTRATION, ORGANISATION_NAME)
                .orElseGet(() -> organisations.save(new Organisation(OrganisationKind.ADMINISTRATION,
                        ORGANISATION_NAME, properties.departementCode(), null)));
        UserAccount admin = new UserAccount(properties.username(), passwordEncoder.encode(properties.password()),
                "Administrateur", Role.ADMIN, administration);
        admin.changeEmail(properties.email().isEmpty() ? null : properties.email());
        admin.requirePasswordChange();
        users.save(admin);
        log.info("Created the first administrator account from PASSERELLE_BOOTSTRAP_ADMIN_*");
    }
}
