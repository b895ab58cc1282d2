package fr.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.ProviderOfferFixtures.Sent;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlPlanRecorder;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every statement the hot pages run can be served by an index: read with sequential scans, hash joins and merge joins
 * switched off, no plan reads the whole of referral, offer or childminder — neither a sequential scan nor an index
 * scan without a condition that is not stopped by a limit. Whatever the size of the data, a query that fails this would read every row of a
 * national table. (On the generated national data, with the planner's own choices, see {@code docs/benchmark.md}.)
 */
@IntegrationTest
class QueryPlanTest {

    private static final Set<String> NATIONAL_TABLES = Set.of("referral", "offer", "childminder");

    private final JsonMapper json = JsonMapper.builder().build();

    private static final Pattern BIG_TABLES = Pattern.compile("\\b(referral|offer|childminder)\\b",
            Pattern.CASE_INSENSITIVE);

    @Autowired
    MockMvc mvc;

    @Autowired
    SqlPlanRecorder recorder;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    OfferService offers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noHotPageReadsAWholeNationalTable(@Autowired ChildminderRegistry registry, @Autowired Clock clock,
            @Autowired OrganisationRepository organisations) throws Exception {
        ProviderOfferFixtures fixtures = new ProviderOfferFixtures(accounts, referrals, registry, jdbc, clock,
                organisations, offers);
        Sent pending = fixtures.toHomeCare();
        Sent answered = fixtures.toSameProvider(pending);
        offers.decline(referrals.principal(answered.provider()), answered.offerId(), DeclineReason.NO_CAPACITY, null);
        Referral eligible = fixtures.routing.eligible(fixtures.advisor, fixtures.officer);
        CurrentUser officer = referrals.principal(fixtures.officer);
        CurrentUser advisor = referrals.principal(fixtures.advisor);
        CurrentUser provider = referrals.principal(pending.provider());
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));

        partialIndexes = Set.copyOf(jdbc.sql("""
                        select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
                        where i.indpred is not null""").query(String.class).list());
        List<String> failures = new ArrayList<>();
        check(failures, officer, "/officer");
        check(failures, officer, "/officer/routing");
        check(failures, officer, "/officer/queue");
        check(failures, officer, "/officer/referrals/" + eligible.getId() + "/routing");
        check(failures, officer, "/officer/registry/childminders");
        check(failures, advisor, "/advisor");
        check(failures, advisor, "/advisor/referrals");
        for (String sort : List.of("CREATED", "WAITING", "FIRST_DAY")) {
            check(failures, advisor, "/advisor/referrals?page=2&sort=" + sort + "&after=" + eligible.getId());
        }
        check(failures, advisor, "/advisor/referrals/" + pending.referral().getId());
        check(failures, provider, "/provider");
        check(failures, provider, "/provider/offers");
        check(failures, provider, "/provider/offers?status=DECLINED");
        check(failures, provider, "/provider/offers/" + pending.offerId());
        check(failures, admin, "/admin");
        check(failures, admin, "/admin/childminders");
        check(failures, admin, "/admin/notifications");

        assertThat(failures).isEmpty();
        assertThat(explained).as("statements explained").isGreaterThan(30);
    }

    /**
     * The scans of a national table that read all of it: sequential, or through an index without a condition and
     * without a limit above them (an ordered list's first page walks an index and stops). A partial index holds only
     * what is open (pending offers…): reading it whole is bounded by the work waiting, not by the history.
     */
    private void wholeScans(JsonNode node, boolean limited, boolean drivesJoin, List<String> found) {
        String type = node.get("Node Type").asString();
        boolean underLimit = limited || "Limit".equals(type);
        JsonNode relation = node.get("Relation Name");
        if (relation != null && NATIONAL_TABLES.contains(relation.asString())) {
            boolean sequential = "Seq Scan".equals(type);
            JsonNode index = node.get("Index Name");
            boolean partial = index != null && partialIndexes.contains(index.asString());
            // The outer side of a nested loop is read once: on the tiny tables of a test database the planner may
            // drive a join from any of its sides, so only the repeated (inner) scans and the lone ones are judged.
            boolean unconditioned = type.contains("Index") && node.get("Index Cond") == null && !underLimit
                    && !partial && !drivesJoin;
            if (sequential || unconditioned) {
                found.add(type + " on " + relation.asString());
            }
        }
        JsonNode children = node.get("Plans");
        if (children != null) {
            for (JsonNode child : children) {
                boolean outer = "Nested Loop".equals(type) && child.has("Parent Relationship")
                        && "Outer".equals(child.get("Parent Relationship").asString());
                wholeScans(child, underLimit, outer, found);
            }
        }
    }

    private int explained;

    private Set<String> partialIndexes;

    private void check(List<String> failures, CurrentUser who, String page) throws Exception {
        List<SqlPlanRecorder.Recorded> statements = recorder.record(
                () -> mvc.perform(get(page).with(user(who))).andExpect(status().isOk()));
        assertThat(statements).as(page).isNotEmpty();
        for (SqlPlanRecorder.Recorded statement : statements) {
            String sql = statement.sql().trim().toLowerCase();
            if (!sql.startsWith("select") && !sql.startsWith("with") || !BIG_TABLES.matcher(sql).find()) {
                continue;
            }
            explained++;
            // Without sequential scans, hash joins and merge joins, a query can avoid reading a whole table only
            // through index lookups: what remains unconditioned has no index to serve it, whatever the data's size.
            String plan = recorder.plan(statement, "set local enable_seqscan = off", "set local enable_hashjoin = off",
                    "set local enable_mergejoin = off");
            List<String> wholeScans = new ArrayList<>();
            wholeScans(json.readTree(plan).get(0).get("Plan"), false, false, wholeScans);
            if (!wholeScans.isEmpty()) {
                failures.add(page + " reads a whole table (" + wholeScans + "):\n" + statement.sql() + "\n" + plan);
            }
        }
    }
}
