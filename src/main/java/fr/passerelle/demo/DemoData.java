package fr.passerelle.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelRepository;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRepository;
import fr.passerelle.provider.Creche;
import fr.passerelle.provider.CrecheRepository;
import fr.passerelle.provider.HomeCareService;
import fr.passerelle.provider.HomeCareServiceRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the demo territory: the Caf de l'Essonne (91), two France Travail agencies, a Mission locale, the
 * Département's RSA service, two home-care
 * services, one AVIP crèche and twenty childminders, with one account per role and organisation.
 * Every record is looked up by its natural key first, so loading twice changes nothing.
 */
@Component
@Profile("demo")
@Order(1)
class DemoData implements ApplicationRunner {

    /** The password of every demo account, listed in the README. */
    static final String PASSWORD = "demo-passerelle";

    static final String ESSONNE = "91";

    /** The agency of the demo advisor {@code conseiller.evry}; the national data give it the busiest caseload. */
    static final String EVRY_AGENCY = "France Travail Évry-Courcouronnes";

    static final String MISSION_LOCALE = "Mission locale Sud Essonne";

    /** The Département's RSA service, the organisation of the demo advisor {@code rsa.essonne}. */
    static final String RSA_SERVICE = "Département de l'Essonne — service RSA";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** A demo childminder; the label state decides how the label and agreement are dated. */
    record DemoChildminder(String username, String firstName, String lastName, String communeCode,
            int childrenAllowed, int avipPlaces, DemoLabel label) {
    }

    enum DemoLabel { ACTIVE, SUSPENDED, EXPIRED, AGREEMENT_LAPSED }

    static final List<DemoChildminder> CHILDMINDERS = List.of(
            new DemoChildminder("am.martin", "Sophie", "Martin", "91228", 4, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.bernard", "Nadia", "Bernard", "91228", 3, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.dubois", "Fatou", "Dubois", "91174", 4, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.thomas", "Claire", "Thomas", "91174", 3, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.robert", "Aïcha", "Robert", "91521", 4, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.richard", "Isabelle", "Richard", "91286", 2, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.petit", "Marie", "Petit", "91086", 4, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.durand", "Samia", "Durand", "91340", 3, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.leroy", "Valérie", "Leroy", "91377", 4, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.moreau", "Khadija", "Moreau", "91377", 4, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.simon", "Nathalie", "Simon", "91477", 3, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.laurent", "Émilie", "Laurent", "91692", 4, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.lefebvre", "Sandrine", "Lefebvre", "91345", 2, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.michel", "Mariam", "Michel", "91589", 4, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.garcia", "Laura", "Garcia", "91549", 3, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.david", "Céline", "David", "91223", 4, 2, DemoLabel.ACTIVE),
            new DemoChildminder("am.bertrand", "Hélène", "Bertrand", "91103", 3, 1, DemoLabel.ACTIVE),
            new DemoChildminder("am.roux", "Yasmina", "Roux", "91201", 4, 2, DemoLabel.SUSPENDED),
            new DemoChildminder("am.vincent", "Patricia", "Vincent", "91687", 3, 1, DemoLabel.EXPIRED),
            new DemoChildminder("am.fournier", "Julie", "Fournier", "91421", 4, 2, DemoLabel.AGREEMENT_LAPSED));

    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final ChildminderRepository childminders;
    private final AvipLabelRepository labels;
    private final HomeCareServiceRepository homeCareServices;
    private final CrecheRepository creches;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    private final boolean embeddedDatabaseAllowed;

    private String passwordHash;
    private int created;

    DemoData(OrganisationRepository organisations, UserAccountRepository users, ChildminderRepository childminders,
            AvipLabelRepository labels, HomeCareServiceRepository homeCareServices, CrecheRepository creches,
            PasswordEncoder passwordEncoder, Clock clock,
            @Value("${passerelle.embedded-database.enabled:true}") boolean embeddedDatabaseAllowed) {
        this.organisations = organisations;
        this.users = users;
        this.childminders = childminders;
        this.labels = labels;
        this.homeCareServices = homeCareServices;
        this.creches = creches;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.embeddedDatabaseAllowed = embeddedDatabaseAllowed;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!embeddedDatabaseAllowed) {
            // The production image forbids the embedded database; demo accounts with a published password must
            // never reach such an installation.
            throw new IllegalStateException("The demo profile is not allowed where the embedded database is off");
        }
        created = 0;
        Organisation caf = organisation(OrganisationKind.CAF, "Caf de l'Essonne", "91228");
        contactEmail(caf, "action-sociale@caf91.demo.passerelle.test");
        user("agent.caf", "Camille Agent", Role.CAF_OFFICER, caf);
        user("admin.caf", "Alex Administrateur", Role.ADMIN, caf);

        user("conseiller.evry", "Karim Conseiller",  Role.ADVISOR,
                organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, EVRY_AGENCY, "91228"));
        user("conseiller.massy", "Léa Conseillère", Role.ADVISOR,
                organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "France Travail Massy", "91377"));
        // A Mission locale has its own kind since issue 20; a demo database loaded before keeps its "other prescriber".
        user("conseiller.mission-locale", "Paul Conseiller", Role.ADVISOR,
                organisations.findByKindAndName(OrganisationKind.OTHER_PRESCRIBER, MISSION_LOCALE)
                        .orElseGet(() -> organisation(OrganisationKind.MISSION_LOCALE, MISSION_LOCALE, "91223")));
        // Issue 20: the Département's RSA service files referrals for RSA recipients, registered automatically with
        // France Travail since 2025 (README, "Purposes and prescribers").
        user("rsa.essonne", "Sarah Référente RSA", Role.ADVISOR,
                organisation(OrganisationKind.DEPARTEMENT_RSA_SERVICE, RSA_SERVICE, "91228"));

        Organisation southService = organisation(OrganisationKind.HOME_CARE_SERVICE,
                "Essonne Services à Domicile", "91174");
        contactEmail(southService, "accueil@essonne-services.demo.passerelle.test");
        user("sad.essonne", "Inès Responsable", Role.PROVIDER, southService);
        homeCareService(southService, true, "0160000001",
                Set.of("91228", "91174", "91521", "91286", "91086", "91340", "91386"));

        Organisation northService = organisation(OrganisationKind.HOME_CARE_SERVICE,
                "Nord Essonne Aide à Domicile", "91377");
        contactEmail(northService, "accueil@nord-essonne-aide.demo.passerelle.test");
        user("sad.nord", "Hugo Responsable", Role.PROVIDER, northService);
        homeCareService(northService, false, "0160000002",
                Set.of("91377", "91477", "91692", "91345", "91471", "91589", "91027", "91326", "91687"));

        // The automatic hand-on's second service in Corbeil-Essonnes (README, "Automatic hand-on").
        Organisation seineService = organisation(OrganisationKind.HOME_CARE_SERVICE,
                "Val de Seine Aide à Domicile", "91174");
        contactEmail(seineService, "accueil@val-de-seine-aide.demo.passerelle.test");
        user("sad.seine", "Lina Responsable", Role.PROVIDER, seineService);
        homeCareService(seineService, true, "0160000003", Set.of("91174"));

        Organisation creche = organisation(OrganisationKind.AVIP_CRECHE, "Crèche AVIP Les Petits Pas", "91174");
        user("creche.petits-pas", "Manon Directrice", Role.PROVIDER, creche);
        if (creches.findByOrganisation(creche).isEmpty()) {
            creches.save(new Creche(creche, 40, 3, "0160000003"));
            created++;
        }

        CHILDMINDERS.forEach(this::childminder);
        log.info("Demo data ready ({} records created)", created);
    }

    private Organisation organisation(OrganisationKind kind, String name, String communeCode) {
        return organisations.findByKindAndName(kind, name).orElseGet(() -> {
            created++;
            return organisations.save(new Organisation(kind, name, ESSONNE, communeCode));
        });
    }

    /** Set when missing, so that a database made before addresses were asked gets them at the next start. */
    private static void contactEmail(Organisation organisation, String address) {
        if (organisation.getContactEmail() == null) {
            organisation.changeContactEmail(address);
        }
    }

    /** Every demo account has an address, {@code <username>@demo.passerelle.test}, added when missing. */
    private void user(String username, String displayName, Role role, Organisation organisation) {
        UserAccount user = users.findWithOrganisationByUsername(username).orElse(null);
        if (user == null) {
            user = users.save(new UserAccount(username, passwordHash(), displayName, role, organisation));
            created++;
        }
        demoEmail(user);
    }

    private static void demoEmail(UserAccount user) {
        if (user.getEmail() == null) {
            user.changeEmail(user.getUsername() + "@demo.passerelle.test");
        }
    }

    private void homeCareService(Organisation organisation, boolean underThree, String phone, Set<String> communes) {
        if (homeCareServices.findByOrganisation(organisation).isEmpty()) {
            HomeCareService service = new HomeCareService(organisation, underThree, phone);
            service.cover(communes);
            homeCareServices.save(service);
            created++;
        }
    }

    private void childminder(DemoChildminder demo) {
        String agreementNumber = "DEMO-91-" + demo.username().substring(3).toUpperCase();
        if (childminders.findByAgreementNumber(agreementNumber).isPresent()) {
            users.findWithOrganisationByUsername(demo.username()).ifPresent(DemoData::demoEmail);
            return;
        }
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        Organisation organisation = organisation(OrganisationKind.CHILDMINDER,
                demo.firstName() + " " + demo.lastName(), demo.communeCode());
        user(demo.username(), demo.firstName() + " " + demo.lastName(), Role.PROVIDER, organisation);

        LocalDate agreementEnd = demo.label() == DemoLabel.AGREEMENT_LAPSED ? today.minusDays(10) : today.plusYears(3);
        Childminder childminder = childminders.save(new Childminder(organisation, demo.firstName(), demo.lastName(),
                agreementNumber, agreementEnd, demo.childrenAllowed(), demo.avipPlaces()));
        childminder.updateContact("06000000" + String.format("%02d", CHILDMINDERS.indexOf(demo)), null,
                "Disponible en semaine, de 7 h 30 à 18 h 30.");

        AvipLabel label = demo.label() == DemoLabel.EXPIRED
                ? AvipLabel.grant(childminder, today.minusYears(3), today.minusDays(30), now, null)
                : AvipLabel.grant(childminder, today.minusMonths(6), today.plusYears(2).minusMonths(6), now, null);
        if (demo.label() == DemoLabel.SUSPENDED) {
            label.suspend("Agrément en cours de réexamen par la PMI", today, now, null);
        }
        labels.save(label);
        created++;
    }

    private String passwordHash() {
        if (passwordHash == null) {
            passwordHash = passwordEncoder.encode(PASSWORD);
        }
        return passwordHash;
    }
}
