package fr.passerelle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import fr.passerelle.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.ActiveProfiles;

/** The demo relais: its facilitator signs in, covers the demo childminders, has an application and a follow-up log. */
@IntegrationTest
@ActiveProfiles("demo")
class DemoRelaisTest {

    @Autowired
    DemoRelais demoRelais;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuthenticationManager authenticationManager;

    @Test
    void theFacilitatorSignsInAndFindsAnApplicationWaitingForHerOpinionAndAFollowUpLog() {
        assertThat(authenticationManager.authenticate(new UsernamePasswordAuthenticationToken("rpe.evry",
                DemoData.PASSWORD)).isAuthenticated()).isTrue();
        assertThat(count("""
                select count(*) from relais_commune rc join organisation o on o.id = rc.relais_organisation_id
                where o.name = ?""", DemoRelais.RELAIS))
                .isEqualTo(DemoData.CHILDMINDERS.stream().map(DemoData.DemoChildminder::communeCode).distinct().count());
        assertThat(count("""
                select count(*) from label_application a join childminder c on c.id = a.childminder_id
                join user_account u on u.organisation_id = c.organisation_id
                where u.username = 'am.vincent' and a.status = 'AWAITING_OPINION'""")).isEqualTo(1);
        assertThat(count("""
                select count(*) from notification n join user_account u on u.id = n.recipient_id
                where u.username = 'rpe.evry' and n.kind = 'LABEL_APPLICATION_SUBMITTED'""")).isEqualTo(1);
        assertThat(count("select count(*) from relais_follow_up")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void loadingAgainChangesNothing() {
        List<String> tables = List.of("organisation", "user_account", "relais_commune", "relais_follow_up",
                "label_application", "notification");
        List<Long> before = tables.stream().map(table -> count("select count(*) from " + table)).toList();
        demoRelais.run(new DefaultApplicationArguments());
        assertThat(tables.stream().map(table -> count("select count(*) from " + table)).toList()).isEqualTo(before);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
