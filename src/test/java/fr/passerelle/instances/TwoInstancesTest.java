package fr.passerelle.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import fr.passerelle.benchmark.VirtualUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.offer.SentOffer;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.support.TestDatabase;
import fr.passerelle.system.ExclusiveJobs;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the application on one PostgreSQL, behind no sticky load balancer: a user goes from one to the
 * other and survives the first one's stop (last, since it stops one); an administrator's change through one ends the
 * sessions opened through the other; the jobs, running on both, do their work once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        TestDatabase.Connection db = TestDatabase.connection();
        // Both run the expiry job every second, as production instances run it every minute.
        String[] jobs = {"--passerelle.routing.expiry.enabled=true", "--passerelle.routing.expiry.fixed-delay=PT1S"};
        a = Instances.start(db.url(), db.username(), db.password(), jobs);
        b = Instances.start(db.url(), db.username(), db.password(), jobs);
    }

    @AfterAll
    static void stopThem() {
        if (a != null && a.isActive()) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(3)
    void aUserSignedInOnOneInstanceGoesOnOnTheOtherAndSurvivesTheFirstOnesStop() throws Exception {
        Account advisor = a.getBean(TestAccounts.class).create(Role.ADVISOR);
        URI onA = Instances.base(a);
        URI onB = Instances.base(b);
        // The login page from A, the credentials posted to B: every request goes to the other instance.
        VirtualUser user = VirtualUser.signedIn(List.of(onA, onB), advisor.username(), advisor.password());

        // The form read on one instance, posted to the other, with the CSRF token kept in the shared session.
        Document form = user.on(0).document("/advisor/referrals/new");
        Map<String, String> draft = new LinkedHashMap<>();
        draft.put("creationToken", form.selectFirst("input[name=creationToken]").val());
        draft.put("parentLastName", "Deuxinstances");
        draft.put("parentFirstName", "Alice");
        draft.put("action", "save");
        VirtualUser.Answer saved = user.on(1).post("/advisor/referrals/new", draft);
        assertThat(saved.redirectsTo("/advisor/referrals/\\d+")).as(saved.describe()).isTrue();
        String referralPage = saved.location().getPath();

        a.close();

        VirtualUser onlyB = user.on(1);
        VirtualUser.Answer page = onlyB.get(referralPage);
        assertThat(page.status()).as(page.describe()).isEqualTo(200);
        assertThat(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("Deuxinstances");
        Document edit = onlyB.on(1).document(referralPage + "/edit");
        Map<String, String> more = new LinkedHashMap<>();
        more.put("version", edit.selectFirst("input[name=version]").val());
        more.put("parentLastName", "Deuxinstances");
        more.put("parentFirstName", "Alice-Marie");
        more.put("action", "save");
        VirtualUser.Answer saveAgain = onlyB.on(1).post(referralPage + "/edit", more);
        assertThat(saveAgain.redirectsTo(referralPage)).as(saveAgain.describe()).isTrue();
        assertThat(b.getBean(JdbcClient.class).sql("select parent_first_name from referral where id = ?")
                .param(Long.valueOf(referralPage.substring(referralPage.lastIndexOf('/') + 1)))
                .query(String.class).single()).isEqualTo("Alice-Marie");
    }

    @Test
    @Order(1)
    void anOverdueOfferExpiresOnceWhileBothInstancesRunTheJob() throws Exception {
        ConfigurableApplicationContext any = b;
        ReferralFixtures referrals = any.getBean(ReferralFixtures.class);
        JdbcClient jdbc = any.getBean(JdbcClient.class);
        RoutingFixtures fixtures = new RoutingFixtures(any.getBean(TestAccounts.class), referrals,
                any.getBean(ChildminderRegistry.class), jdbc, any.getBean(Clock.class),
                any.getBean(OrganisationRepository.class));
        Account advisor = referrals.advisor();
        Account officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        Referral referral = fixtures.eligible(advisor, officer);
        SentOffer sent = any.getBean(OfferService.class).sendOffer(referrals.principal(officer), referral.getId(),
                fixtures.creche(1), null);
        // Sent 49 hours ago: its 48-hour deadline passed an hour ago.
        Instant now = Instant.now();
        jdbc.sql("update offer set sent_at = ?, deadline_at = ? where id = ?")
                .params(now.minus(Duration.ofHours(49)).atOffset(ZoneOffset.UTC),
                        now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC), sent.offerId())
                .update();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"EXPIRED".equals(offerStatus(jdbc, sent.offerId())) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(offerStatus(jdbc, sent.offerId())).isEqualTo("EXPIRED");
        Thread.sleep(3000);
        assertThat(jdbc.sql("""
                        select count(*) from referral_transition
                        where referral_id = ? and from_status = 'OFFERED' and to_status = 'ELIGIBLE'""")
                .param(referral.getId()).query(Long.class).single())
                .as("one expiry in the referral's timeline").isEqualTo(1);
        assertThat(jdbc.sql("select status from referral where id = ?").param(referral.getId())
                .query(String.class).single()).isEqualTo("ELIGIBLE");
    }

    @Test
    @Order(2)
    void aJobStartedOnBothInstancesAtOnceRunsOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Runnable work = () -> {
            runs.incrementAndGet();
            try {
                Thread.sleep(1500);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ExclusiveJobs.Result>> results = pool.invokeAll(List.of(
                    () -> {
                        together.await();
                        return b.getBean(ExclusiveJobs.class).run("two-instances-test", work);
                    },
                    () -> {
                        together.await();
                        return a.getBean(ExclusiveJobs.class).run("two-instances-test", work);
                    }));
            assertThat(List.of(results.get(0).get(), results.get(1).get()))
                    .containsExactlyInAnyOrder(ExclusiveJobs.Result.COMPLETED, ExclusiveJobs.Result.SKIPPED);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(runs).hasValue(1);
        // Once the first run is over, the lock is free again: the next run takes place.
        assertThat(b.getBean(ExclusiveJobs.class).run("two-instances-test", work))
                .isEqualTo(ExclusiveJobs.Result.COMPLETED);
    }

    @Test
    @Order(2)
    void anAccountDisabledThroughOneInstanceIsSignedOutOfTheOther() {
        TestAccounts accounts = a.getBean(TestAccounts.class);
        Account advisor = accounts.create(Role.ADVISOR);
        Account admin = accounts.create(Role.ADMIN);
        VirtualUser advisorOnB = VirtualUser.signedIn(List.of(Instances.base(b)), advisor.username(),
                advisor.password());
        assertThat(advisorOnB.get("/advisor").status()).isEqualTo(200);

        VirtualUser adminOnA = VirtualUser.signedIn(List.of(Instances.base(a)), admin.username(), admin.password());
        long id = advisor.user().getId();
        adminOnA.document("/admin/users/" + id);
        long version = a.getBean(JdbcClient.class).sql("select version from user_account where id = ?").param(id)
                .query(Long.class).single();
        VirtualUser.Answer disabled = adminOnA.post("/admin/users/" + id + "/disable",
                Map.of("version", Long.toString(version)));
        assertThat(disabled.redirectsTo("/admin/users/" + id)).as(disabled.describe()).isTrue();

        VirtualUser.Answer next = advisorOnB.get("/advisor");
        assertThat(next.location()).as(next.describe()).hasToString(Instances.base(b) + "/login?expired");
    }

    private static String offerStatus(JdbcClient jdbc, long offerId) {
        return jdbc.sql("select status from offer where id = ?").param(offerId).query(String.class).single();
    }
}
