package fr.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlPlanRecorder;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The plans of the hot pages' queries on the generated national data, with the planner's own choices: EXPLAIN
 * ANALYZE of every statement is written to {@code target/benchmark/plans.md} (copied into docs/benchmark-plans.md),
 * and the test fails on a sequential scan of referral, offer or childminder that no limit stops. Run on the national database:
 * {@code TEST_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/passerelle_national ./mvnw verify -Dgroups=national
 * -Dtest=NationalQueryPlans}. Signs in as the demo accounts, which see the busiest territory.
 */
@Tag("national")
@IntegrationTest
class NationalQueryPlans {

    private static final Pattern FULL_SCAN = Pattern.compile("Seq Scan on (referral|offer|childminder) ");

    private static final Pattern BIG_TABLES = Pattern.compile("\\b(referral|offer|childminder)\\b");

    @Autowired
    MockMvc mvc;

    @Autowired
    SqlPlanRecorder recorder;

    @Autowired
    UserDetailsService users;

    @Autowired
    JdbcClient jdbc;

    /**
     * Whether every sequential scan of a national table in the plan sits under a Limit that stopped it (a capped
     * count reads at most its cap, whatever the table's size): the rows it actually read are fewer than the limit.
     */
    private static boolean boundedByLimit(String plan) {
        String[] lines = plan.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!FULL_SCAN.matcher(lines[i]).find()) {
                continue;
            }
            // Walk up the scan's ancestors: each is the nearest line above that starts further left.
            int depth = depth(lines[i]);
            boolean limited = false;
            for (int j = i - 1; j >= 0 && depth > 0; j--) {
                if (isNode(lines[j]) && depth(lines[j]) < depth) {
                    depth = depth(lines[j]);
                    limited |= lines[j].trim().replace("->", "").trim().startsWith("Limit");
                }
            }
            if (!limited) {
                return false;
            }
        }
        return true;
    }

    /** Where a plan node's line starts: its arrow's column, or 0 for the root. */
    private static int depth(String line) {
        int arrow = line.indexOf("->");
        return arrow >= 0 ? arrow : line.length() - line.stripLeading().length();
    }

    private static boolean isNode(String line) {
        String text = line.trim();
        return text.startsWith("->") || !text.contains(":") && !text.isEmpty();
    }

    @Test
    void theHotPagesReadIndexesOnNationalData() throws Exception {
        CurrentUser officer = (CurrentUser) users.loadUserByUsername("agent.caf");
        CurrentUser advisor = (CurrentUser) users.loadUserByUsername("conseiller.evry");
        CurrentUser provider = (CurrentUser) users.loadUserByUsername("sad.essonne");
        CurrentUser admin = (CurrentUser) users.loadUserByUsername("admin.caf");
        long eligible = jdbc.sql("""
                        select id from referral where departement_code = ? and status = 'ELIGIBLE'
                        order by routing_queued_at limit 1""")
                .param(officer.getDepartementCode()).query(Long.class).single();

        Map<String, CurrentUser> pages = new LinkedHashMap<>();
        pages.put("/officer", officer);
        pages.put("/officer/routing", officer);
        pages.put("/officer/queue", officer);
        pages.put("/officer/referrals/" + eligible + "/routing", officer);
        pages.put("/advisor/referrals", advisor);
        // Page 1,000 of the list: after its 19,980th referral, newest first.
        long deepKey = jdbc.sql("""
                        select id from referral where organisation_id = ? order by created_at desc, id desc
                        offset 19979 limit 1""")
                .param(advisor.getOrganisationId()).query(Long.class).single();
        pages.put("/advisor/referrals?page=1000&after=" + deepKey, advisor);
        pages.put("/provider/offers", provider);
        pages.put("/admin/childminders", admin);

        StringBuilder report = new StringBuilder("# Query plans on the national data\n\n");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, CurrentUser> page : pages.entrySet()) {
            report.append("## ").append(page.getKey()).append("\n\n");
            List<SqlPlanRecorder.Recorded> statements = recorder.record(() -> mvc.perform(get(page.getKey())
                    .with(user(page.getValue()))).andExpect(status().isOk()));
            for (SqlPlanRecorder.Recorded statement : statements) {
                String sql = statement.sql().trim().toLowerCase();
                if (!sql.startsWith("select") && !sql.startsWith("with") || !BIG_TABLES.matcher(sql).find()) {
                    continue;
                }
                String plan = recorder.explain(statement, "analyze, buffers");
                report.append("```sql\n").append(statement.sql().trim()).append("\n```\n```\n").append(plan)
                        .append("```\n\n");
                if (FULL_SCAN.matcher(plan).find() && !boundedByLimit(plan)) {
                    failures.add(page.getKey() + ": " + statement.sql());
                }
            }
        }
        Path file = Path.of("target", "benchmark", "plans.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        assertThat(failures).as("queries reading a whole national table; plans in " + file).isEmpty();
    }
}
