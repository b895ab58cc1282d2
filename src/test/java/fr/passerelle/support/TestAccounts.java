package fr.passerelle.support;

import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** Object mother for organisations and accounts; every call makes new ones with unique names. */
@TestComponent
public class TestAccounts {

    public static final String PASSWORD = "test-password-1";

    /** A created account and the password to sign in with. */
    public record Account(String username, String password, UserAccount user) {
    }

    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final UserDetailsService userDetails;

    TestAccounts(OrganisationRepository organisations, UserAccountRepository users, PasswordEncoder passwordEncoder,
            UserDetailsService userDetails) {
        this.organisations = organisations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.userDetails = userDetails;
    }

    /**
     * An account of that role in a new organisation of a kind that allows it, in Essonne. An advisor comes with a
     * Caf of Essonne, since a referral is sent only where a Caf uses Passerelle.
     */
    @Transactional
    public Account create(Role role) {
        if (role == Role.ADVISOR) {
            organisation(OrganisationKind.CAF);
        }
        return create(role, organisation(defaultKind(role)));
    }

    /** An account with an email address, {@code <username>@test.passerelle.test}, as every new account has. */
    @Transactional
    public Account create(Role role, Organisation organisation) {
        String username = "test-" + role.name().toLowerCase() + "-" + unique();
        UserAccount user = new UserAccount(username, passwordEncoder.encode(PASSWORD), "Test " + role.name(), role,
                organisation);
        user.changeEmail(username + "@test.passerelle.test");
        return new Account(username, PASSWORD, users.save(user));
    }

    /** An account made before addresses were asked: it has none. */
    @Transactional
    public Account createWithoutEmail(Role role) {
        Account account = create(role);
        account.user().changeEmail(null);
        return new Account(account.username(), account.password(), users.save(account.user()));
    }

    /** An account that signs in with a temporary password, as after a reset. */
    @Transactional
    public Account createWithTemporaryPassword(Role role) {
        Account account = create(role);
        account.user().requirePasswordChange();
        return new Account(account.username(), account.password(), users.save(account.user()));
    }

    @Transactional
    public Organisation organisation(OrganisationKind kind) {
        return organisation(kind, "91", "91228");
    }

    /** An organisation of another territory, such as the Caf of Paris ("75", "75056"). */
    @Transactional
    public Organisation organisation(OrganisationKind kind, String departementCode, String communeCode) {
        return organisations.save(new Organisation(kind, kind.name() + " " + unique(), departementCode, communeCode));
    }

    /** The account as the application sees it once signed in, for calling services directly. */
    public CurrentUser signedIn(Account account) {
        return (CurrentUser) userDetails.loadUserByUsername(account.username());
    }

    @Transactional
    public void disable(UserAccount account) {
        UserAccount managed = users.findById(account.getId()).orElseThrow();
        managed.disable();
    }

    static OrganisationKind defaultKind(Role role) {
        return switch (role) {
            case ADVISOR -> OrganisationKind.FRANCE_TRAVAIL_AGENCY;
            case CAF_OFFICER, ADMIN -> OrganisationKind.CAF;
            case PROVIDER -> OrganisationKind.HOME_CARE_SERVICE;
            case RPE_FACILITATOR -> OrganisationKind.RELAIS_PETITE_ENFANCE;
        };
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
