package fr.passerelle.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.relais.LabelApplications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Relais Petite Enfance of the demo (README "Relais Petite Enfance and label applications"): a relais covering
 * the communes of the demo childminders, its facilitator {@code rpe.evry}, an application waiting for her opinion
 * (Patricia Vincent, whose label expired) and a few follow-up actions. Added once: running again changes nothing.
 */
@Component
@Profile("demo")
@Order(6)
class DemoRelais implements ApplicationRunner {

    static final String RELAIS = "Relais Petite Enfance Essonne Centre";

    private static final Logger log = LoggerFactory.getLogger(DemoRelais.class);

    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final LabelApplications applications;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoRelais(OrganisationRepository organisations, UserAccountRepository users, LabelApplications applications,
            PasswordEncoder passwordEncoder, JdbcClient jdbc, Clock clock) {
        this.organisations = organisations;
        this.users = users;
        this.applications = applications;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Organisation relais = organisations.findByKindAndName(OrganisationKind.RELAIS_PETITE_ENFANCE, RELAIS)
                .orElseGet(() -> organisations.save(new Organisation(OrganisationKind.RELAIS_PETITE_ENFANCE, RELAIS,
                        DemoData.ESSONNE, "91228")));
        DemoData.CHILDMINDERS.forEach(childminder -> jdbc.sql("""
                        insert into relais_commune (relais_organisation_id, commune_code) values (?, ?)
                        on conflict do nothing""")
                .params(relais.getId(), childminder.communeCode()).update());
        UserAccount facilitator = users.findWithOrganisationByUsername("rpe.evry").orElseGet(() -> {
            UserAccount account = users.save(new UserAccount("rpe.evry", passwordEncoder.encode(DemoData.PASSWORD),
                    "Sarah Animatrice", Role.RPE_FACILITATOR, relais));
            account.changeEmail("rpe.evry@demo.passerelle.test");
            return account;
        });
        users.flush();

        // An application waiting for the facilitator's opinion: the childminder whose label expired.
        users.findWithOrganisationByUsername("am.vincent").ifPresent(vincent -> {
            boolean none = !jdbc.sql("""
                            select exists (select 1 from label_application a join childminder c
                                           on c.id = a.childminder_id where c.organisation_id = ?)""")
                    .param(vincent.getOrganisation().getId()).query(Boolean.class).single();
            if (none) {
                applications.apply(CurrentUser.of(vincent), new LabelApplications.Request(
                        "Disponible en semaine de 7 h 30 à 18 h 30, dès le mois prochain ; une place libre.",
                        EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                        3, 72));
            }
        });

        LocalDate today = LocalDate.now(clock);
        followUp(relais, facilitator, "am.martin", "VISIT", today.minusDays(20),
                "Visite au domicile : espace d’accueil adapté, projet d’accueil à jour.");
        followUp(relais, facilitator, "am.martin", "WORKSHOP", today.minusDays(6),
                "Atelier d’éveil au relais avec deux enfants accueillis.");
        followUp(relais, facilitator, "am.dubois", "CALL", today.minusDays(3),
                "Appel : questions sur les horaires atypiques d’une famille orientée ; rappel des aides possibles.");
        followUp(relais, facilitator, "am.vincent", "CALL", today.minusDays(1),
                "Appel : accompagnement de la demande de label AVIP.");
        log.info("Demo relais ready");
    }

    /** One action, with a token drawn from its content: the same demo action is never recorded twice. */
    private void followUp(Organisation relais, UserAccount facilitator, String username, String kind,
            LocalDate day, String note) {
        UUID token = UUID.nameUUIDFromBytes((username + kind + note).getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                        insert into relais_follow_up (relais_organisation_id, childminder_id, kind, happened_on, note,
                                                      recorded_by, recorded_at, request_token)
                        select ?, c.id, ?, ?, ?, ?, ?, ?
                        from childminder c join user_account u on u.organisation_id = c.organisation_id
                        where u.username = ?
                        on conflict (request_token) do nothing""")
                .params(relais.getId(), kind, Date.valueOf(day), note, facilitator.getId(),
                        clock.instant().atOffset(ZoneOffset.UTC), token, username)
                .update();
    }
}
