package fr.passerelle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The national-scale generator at a hundredth of the country, on a database of its own (it fills every table, which
 * the other tests share): every status of the state machine is there, and the rows tell one story each. The CHECK
 * constraints, unique indexes and triggers of the schema are checked by PostgreSQL while inserting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NationalDataTest {

    private static final String DATABASE = "passerelle_national_test";

    private static final double SCALE = 0.01;

    private NationalData generator;
    private JdbcClient jdbc;
    private long evryAgency;

    @BeforeAll
    void generateAtAHundredthOfTheCountry() {
        TestDatabase.Connection database = TestDatabase.newDatabase(DATABASE);
        Flyway.configure().dataSource(database.url(), database.username(), database.password()).load().migrate();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.url(), database.username(), database.password());
        jdbc = JdbcClient.create(dataSource);
        // What the generator needs of the demo data: the Caf de l'Essonne and the agency of conseiller.evry.
        long caf = organisation("CAF", "Caf de l'Essonne");
        user("agent.caf", "CAF_OFFICER", caf);
        evryAgency = organisation("FRANCE_TRAVAIL_AGENCY", DemoData.EVRY_AGENCY);
        user("conseiller.evry", "ADVISOR", evryAgency);

        generator = new NationalData(dataSource, SCALE, 0.42);
        assertThat(generator.generate()).isTrue();
    }

    @AfterAll
    void dropDatabase() {
        TestDatabase.dropDatabase(DATABASE);
    }

    @Test
    void referralsAreSpreadAsAskedWithEveryStatus() {
        Map<String, Long> byStatus = jdbc.sql("select status, count(*) from referral group by status")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(byStatus.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ReferralStatus.values()).map(Enum::name).toList());
        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
        assertThat(count("select count(*) from referral where departement_code = '91'")).isEqualTo(780);
        assertThat(count("select count(*) from referral where organisation_id = ?", evryAgency)).isEqualTo(300);
        assertThat(count("select count(*) from referral where emergency")).isBetween(2_200L, 2_800L);
        assertThat(count("select count(*) from referral where status = 'ELIGIBLE' and routing_returned"))
                .isPositive();
        assertThat(count("select count(*) from referral where created_at < now() - interval '2 years'"))
                .isPositive();
    }

    @Test
    void everyTimelineFollowsTheStateMachineToTheReferralsStatus() {
        List<String> problems = new ArrayList<>();
        List<Object[]> rows = jdbc.sql("""
                        select t.referral_id, t.from_status, t.to_status, r.status
                        from referral_transition t join referral r on r.id = t.referral_id
                        order by t.referral_id, t.occurred_at, t.id""")
                .query((rs, row) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .list();
        long referral = -1;
        String previous = null;
        String expectedLast = null;
        for (Object[] row : rows) {
            if ((long) row[0] != referral) {
                if (referral != -1 && !previous.equals(expectedLast)) {
                    problems.add(referral + " ends in " + previous + " but is " + expectedLast);
                }
                referral = (long) row[0];
                previous = null;
                expectedLast = (String) row[3];
            }
            String from = (String) row[1];
            String to = (String) row[2];
            boolean legal = previous == null
                    ? from == null && to.equals("DRAFT")
                    : previous.equals(from) && ReferralStatus.valueOf(from).canMoveTo(ReferralStatus.valueOf(to));
            if (!legal) {
                problems.add(referral + ": " + from + " -> " + to + " after " + previous);
            }
            previous = to;
        }
        if (!previous.equals(expectedLast)) {
            problems.add(referral + " ends in " + previous + " but is " + expectedLast);
        }

        assertThat(problems).isEmpty();
        assertThat(count("select count(*) from referral r where not exists "
                + "(select 1 from referral_transition t where t.referral_id = r.id)")).isZero();
    }

    @Test
    void offersDecisionsAndHoldsAgreeWithTheReferrals() {
        assertThat(jdbc.sql("select distinct status from offer").query(String.class).list())
                .containsExactlyInAnyOrder("PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "CANCELLED");
        assertThat(count("""
                select count(*) from referral r
                where (r.status = 'OFFERED') <> exists (select 1 from offer o
                                                       where o.referral_id = r.id and o.status = 'PENDING')"""))
                .as("a referral is offered exactly when an offer awaits an answer").isZero();
        assertThat(count("""
                select count(*) from referral r
                where r.status in ('CARE_ARRANGED', 'CLOSED')
                  and not exists (select 1 from offer o where o.referral_id = r.id and o.status = 'ACCEPTED')"""))
                .isZero();
        assertThat(count("select count(*) from offer where status = 'PENDING' and deadline_at <= now()"))
                .as("the expiry job has nothing to catch up").isZero();
        assertThat(count("""
                select count(*) from offer o
                where (o.status = 'ACCEPTED' and o.provider_kind <> 'HOME_CARE')
                      <> exists (select 1 from place_hold h where h.offer_id = o.id)"""))
                .as("a place is held for each accepted offer of a childminder or a crèche").isZero();
        assertThat(count("""
                select count(*) from place_hold h join offer o on o.id = h.offer_id join referral r on r.id = o.referral_id
                where (h.released_at is not null) <> (r.status in ('CLOSED', 'WITHDRAWN'))"""))
                .isZero();
        assertThat(count("""
                select count(*) from referral r
                where r.status in ('ELIGIBLE', 'INELIGIBLE', 'OFFERED', 'CARE_ARRANGED', 'CLOSED', 'NO_SOLUTION')
                  and not exists (select 1 from eligibility_decision d
                                  where d.referral_id = r.id and d.outcome in ('ELIGIBLE', 'INELIGIBLE'))"""))
                .as("every referral past the Caf has its decision").isZero();
    }

    @Test
    void providersAreThereAndNothingGeneratedHasAnEmailAddressButTheCafsDesks() {
        long childminders = count("select count(*) from childminder");
        assertThat(childminders).isBetween(2_300L, 2_700L);
        assertThat(count("select count(*) from avip_label") * 100 / childminders).isBetween(25L, 35L);
        assertThat(count("select count(*) from avip_label_event where kind = 'GRANTED'"))
                .isEqualTo(count("select count(*) from avip_label"));
        assertThat(count("select count(*) from home_care_coverage")).isPositive();
        assertThat(count("select count(*) from creche where emergency_places > 0")).isPositive();
        assertThat(count("select count(*) from organisation where kind = 'CAF'")).isGreaterThan(100);
        assertThat(count("select count(*) from user_account where email is not null")).isZero();
        assertThat(count("select count(*) from referral where email is not null")).isZero();
        assertThat(jdbc.sql("select distinct kind from organisation where contact_email is not null")
                .query(String.class).list()).containsExactly("CAF");
    }

    @Test
    void generatingAgainChangesNothing() {
        long referrals = count("select count(*) from referral");
        long organisations = count("select count(*) from organisation");

        assertThat(generator.generate()).isFalse();

        assertThat(count("select count(*) from referral")).isEqualTo(referrals);
        assertThat(count("select count(*) from organisation")).isEqualTo(organisations);
    }

    private long organisation(String kind, String name) {
        return jdbc.sql("""
                        insert into organisation (kind, name, departement_code, commune_code)
                        values (?, ?, '91', '91228') returning id""")
                .params(kind, name).query(Long.class).single();
    }

    private void user(String username, String role, long organisation) {
        jdbc.sql("""
                        insert into user_account (username, password_hash, display_name, role, organisation_id)
                        values (?, '{noop}unused', ?, ?, ?)""")
                .params(username, username, role, organisation).update();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
