package fr.passerelle.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.statistics.StatisticsService.Statistics;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * A view computed before the last refresh is served at once, with the time it was computed at, and computed again in
 * the background ({@code passerelle.statistics.serve-previous}, on in production, off for the other tests).
 */
@IntegrationTest
@RecordApplicationEvents
class StatisticsViewsTest {

    static final String CREUSE = "23";
    static final String GUERET = "23096";

    @Autowired
    StatisticsQueries queries;

    @Autowired
    StatisticsViews stored;

    @Autowired
    StatisticsRefresh refresh;

    @Autowired
    StatisticsProperties properties;

    @Autowired
    MessageSource messages;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    SqlStatementCounter statements;

    @Test
    void theFiguresOfThePreviousRefreshAreServedWhileTheViewIsComputedAgain() throws InterruptedException {
        StatisticsProperties servePrevious = new StatisticsProperties(properties.minFamilies(), properties.refresh(),
                true, false, properties.views());
        StatisticsService service = new StatisticsService(queries, stored, refresh, servePrevious, messages, clock,
                transactions);
        try {
            Agency agency = agencySending(LocalDate.of(2019, 9, 2), 6);
            refresh.refreshAll();
            Statistics first = service.statistics(new StatisticsScope(CREUSE, null), filter(), period(), Locale.FRENCH);
            assertThat(sent(first)).isEqualTo("6");

            agency.send(7);
            refresh.refreshAll();
            Optional<Instant> refreshed = refresh.lastRefresh();
            Statistics previous = service.statistics(new StatisticsScope(CREUSE, null), filter(), period(),
                    Locale.FRENCH);
            assertThat(sent(previous)).isEqualTo("6");
            assertThat(previous.refreshedAt()).isEqualTo(first.refreshedAt()).isNotEqualTo(refreshed);

            Statistics again = previous;
            for (int tries = 0; tries < 100 && !again.refreshedAt().equals(refreshed); tries++) {
                Thread.sleep(100);
                again = service.statistics(new StatisticsScope(CREUSE, null), filter(), period(), Locale.FRENCH);
            }
            assertThat(again.refreshedAt()).isEqualTo(refreshed);
            assertThat(sent(again)).isEqualTo("7");
        }
        finally {
            service.stop();
        }
    }

    @Test
    void thePageAUserOpensFirstIsComputedWhenTheySignIn() throws Exception {
        StatisticsService service = new StatisticsService(queries, stored, refresh, properties, messages, clock,
                transactions);
        try {
            Account officer = accounts.create(Role.CAF_OFFICER,
                    accounts.organisation(OrganisationKind.CAF, CREUSE, GUERET));
            StatisticsScope scope = new StatisticsScope(CREUSE, null);
            refresh.refreshChanged();
            assertThat(service.ready(scope)).isFalse();

            new StatisticsSignInPreparation(service).signedIn(new AuthenticationSuccessEvent(
                    UsernamePasswordAuthenticationToken.authenticated(accounts.signedIn(officer), null, List.of())));
            for (int tries = 0; tries < 100 && !service.ready(scope); tries++) {
                Thread.sleep(100);
            }
            assertThat(service.ready(scope)).isTrue();

            // The application publishes the event the preparation listens to when a user signs in with the form.
            events.clear();
            mvc.perform(formLogin().user(officer.username()).password(officer.password()));
            assertThat(events.stream(AuthenticationSuccessEvent.class)).singleElement()
                    .satisfies(event -> assertThat(event.getAuthentication().getPrincipal())
                            .isInstanceOf(CurrentUser.class));
        }
        finally {
            service.stop();
        }
    }

    @Test
    void aViewIsKeptAndReadBackByAnotherInstanceWithoutComputingItForItsDayOnly() throws Exception {
        StatisticsScope scope = new StatisticsScope(CREUSE, null);
        Agency agency = agencySending(LocalDate.of(2019, 10, 7), 5);
        refresh.refreshAll();
        StatisticsFilter october = filter(LocalDate.of(2019, 10, 1), LocalDate.of(2019, 10, 31));
        Period period = october.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(october, "filter"));

        StatisticsService first = service();
        StatisticsService second = service();
        StatisticsService third = service();
        try {
            Statistics computed = first.statistics(scope, october, period, Locale.FRENCH);
            assertThat(sent(computed)).isEqualTo("5");

            // Another instance, or this one after a restart: the kept figures, without the aggregates.
            Statistics[] readBack = new Statistics[1];
            long count = statements.count(() -> readBack[0] = second.statistics(scope, october, period,
                    Locale.FRENCH));
            assertThat(sent(readBack[0])).isEqualTo("5");
            assertThat(readBack[0].tables()).isEqualTo(computed.tables());
            assertThat(readBack[0].refreshedAt()).isEqualTo(computed.refreshedAt());
            assertThat(count).isLessThanOrEqualTo(2);

            // Figures kept for another day are not served: outcomes due and the presets' days move with the day.
            jdbc.sql("update statistics_view set computed_for = computed_for - 1 where view_key like ?")
                    .param("D" + CREUSE + "|2019-10-01..2019-10-31|%").update();
            agency.send(6);
            refresh.refreshAll();
            assertThat(sent(third.statistics(scope, october, period, Locale.FRENCH))).isEqualTo("6");
        }
        finally {
            first.stop();
            second.stop();
            third.stop();
        }
    }

    @Test
    void eachNightTheViewsReadLatelyAreComputedAgainForTheNewDay() {
        StatisticsScope scope = new StatisticsScope(CREUSE, null);
        StatisticsFilter lately = filter(LocalDate.of(2019, 11, 1), LocalDate.of(2019, 11, 30));
        StatisticsFilter longAgo = filter(LocalDate.of(2019, 12, 1), LocalDate.of(2019, 12, 31));
        StatisticsService service = service();
        try {
            refresh.refreshAll();
            service.statistics(scope, lately, resolve(lately), Locale.FRENCH);
            service.statistics(scope, longAgo, resolve(longAgo), Locale.FRENCH);
            // Computed yesterday; one read lately, the other a month ago.
            jdbc.sql("update statistics_view set computed_for = computed_for - 1 where view_key like ?")
                    .param("D" + CREUSE + "|2019-1_-01..%").update();
            jdbc.sql("update statistics_view set last_read_at = last_read_at - interval '30 days' where view_key like ?")
                    .param("D" + CREUSE + "|2019-12-01..%").update();

            StatisticsService nextDay = service();
            try {
                nextDay.prepareRecentViews();
            }
            finally {
                nextDay.stop();
            }

            LocalDate today = LocalDate.now(clock);
            assertThat(computedFor("D" + CREUSE + "|2019-11-01..2019-11-30|%")).isEqualTo(today);
            assertThat(computedFor("D" + CREUSE + "|2019-12-01..2019-12-31|%")).isEqualTo(today.minusDays(1));
        }
        finally {
            service.stop();
        }
    }

    private StatisticsService service() {
        return new StatisticsService(queries, stored, refresh, properties, messages, clock, transactions);
    }

    private Period resolve(StatisticsFilter filter) {
        return filter.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(filter, "filter"));
    }

    private LocalDate computedFor(String key) {
        return jdbc.sql("select computed_for from statistics_view where view_key like ?").param(key)
                .query(LocalDate.class).single();
    }

    private static StatisticsFilter filter(LocalDate from, LocalDate to) {
        StatisticsFilter filter = new StatisticsFilter();
        filter.setPeriod(StatisticsFilter.PeriodChoice.CUSTOM);
        filter.setFrom(from);
        filter.setTo(to);
        filter.setTrend(Period.Trend.WEEK);
        return filter;
    }

    /** A France Travail agency of Creuse whose advisor sends referrals, from 10:00 on {@code first}, a day apart. */
    private record Agency(StatisticsFixtures fixtures, Organisation organisation, long advisor, Instant first) {

        /** Sends the referral of the {@code day}-th day after the first (0: the first day). */
        void send(int day) {
            Instant sent = first.plus(Duration.ofDays(day));
            long id = fixtures.draft(organisation.getId(), advisor, GUERET, CREUSE, "OCCASIONAL", "JOB", sent);
            fixtures.sent(id, advisor, sent);
        }
    }

    /** A new agency whose advisor sent {@code count} referrals, one a day from {@code first}. */
    private Agency agencySending(LocalDate first, int count) {
        Organisation organisation = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, CREUSE, GUERET);
        Agency agency = new Agency(new StatisticsFixtures(jdbc, clock.getZone()), organisation,
                accounts.create(Role.ADVISOR, organisation).user().getId(),
                first.atTime(10, 0).atZone(clock.getZone()).toInstant());
        for (int day = 0; day < count; day++) {
            agency.send(day);
        }
        return agency;
    }

    private static StatisticsFilter filter() {
        return filter(LocalDate.of(2019, 9, 1), LocalDate.of(2019, 9, 30));
    }

    private Period period() {
        StatisticsFilter filter = filter();
        return filter.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(filter, "statisticsFilter"));
    }

    private static String sent(Statistics statistics) {
        return StatisticsFiguresTest.figure(statistics.tables(), "summary", "Orientations envoyées à la Caf", 0);
    }
}
