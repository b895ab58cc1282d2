package fr.passerelle.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts.Account;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * France Travail's childcare aid on the advisor's page: prompted only when care is arranged for a job or a training
 * with a child under the limit; recorded once (a double submit saves one record), audited, errors next to the
 * fields, stale versions refused, other organisations kept out; counted in the statistics.
 */
@IntegrationTest
class ChildcareAidTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    FollowUpStatistics statistics;

    AdvisorOutcomeFixtures fixtures;
    Account advisor;
    Account officer;
    CurrentUser owner;

    @BeforeEach
    void setUp() {
        fixtures = new AdvisorOutcomeFixtures(context, referrals);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        owner = referrals.principal(advisor);
    }

    long arranged(String purpose, LocalDate childBirth) {
        long id = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(7)).referral().getId();
        jdbc.sql("update referral set purpose = ? where id = ?").params(purpose, id).update();
        jdbc.sql("update referral_child set birth_date = ? where referral_id = ?")
                .params(java.sql.Date.valueOf(childBirth), id).update();
        return id;
    }

    Document page(long id) throws Exception {
        return Jsoup.parse(mvc.perform(get("/advisor/referrals/" + id).with(user(owner)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void thePromptShowsOnlyForAJobOrTrainingWithAChildUnderTheLimit() throws Exception {
        LocalDate today = fixtures.today();
        Document job = page(arranged("JOB", today.minusYears(4).minusDays(10)));
        assertThat(job.select("[data-testid=childcare-aid]")).hasSize(1);
        assertThat(job.selectFirst("[data-testid=childcare-aid]").text())
                .contains("moins de 12 ans", "au moins 1 mois", "dans les 3 mois");
        assertThat(job.selectFirst("[data-testid=childcare-aid-children]").text()).contains("4 ans");
        assertThat(page(arranged("TRAINING", today.minusYears(11))).select("[data-testid=childcare-aid]"))
                .hasSize(1);
        assertThat(page(arranged("JOB_INTERVIEW", today.minusYears(4))).select("[data-testid=childcare-aid]"))
                .isEmpty();
        assertThat(page(arranged("JOB", today.minusYears(12))).select("[data-testid=childcare-aid]")).isEmpty();
        long eligibleButNotArranged = referrals.declareEligible(officer, referrals.submitted(advisor)).getId();
        jdbc.sql("update referral set purpose = 'JOB' where id = ?").param(eligibleButNotArranged).update();
        assertThat(page(eligibleButNotArranged).select("[data-testid=childcare-aid]")).isEmpty();
    }

    @Test
    void theAdvisorRecordsItOnceAuditedAndCanChangeItWithTheVersionRead() throws Exception {
        long id = arranged("JOB", fixtures.today().minusYears(3));
        String url = "/advisor/referrals/" + id + "/childcare-aid";

        // Bad input: no choice; requested without a day; not requested without a reason.
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post(url).with(user(owner)).with(csrf()).session(session).param("requested", "true"))
                .andExpect(status().is3xxRedirection());
        Document errors = Jsoup.parse(mvc.perform(get("/advisor/referrals/" + id).with(user(owner)).session(session))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(errors.selectFirst("#childcare-aid-on-error").text()).isEqualTo("Indiquez la date de la demande.");
        assertThat(errors.selectFirst("#childcare-aid-on").attr("aria-describedby")).isEqualTo("childcare-aid-on-error");
        mvc.perform(post(url).with(user(owner)).with(csrf()).param("requested", "false"))
                .andExpect(flash().attributeExists("org.springframework.validation.BindingResult.childcareAidForm"));
        mvc.perform(post(url).with(user(owner)).with(csrf()))
                .andExpect(flash().attributeExists("org.springframework.validation.BindingResult.childcareAidForm"));
        assertThat(count(id)).isZero();

        // Another organisation's advisor: 404.
        mvc.perform(post(url).with(user(referrals.principal(referrals.advisor()))).with(csrf())
                        .param("requested", "false").param("reason", "FAMILY_DECLINED"))
                .andExpect(status().isNotFound());

        // Recorded, then the same first form again: one record.
        mvc.perform(post(url).with(user(owner)).with(csrf()).param("requested", "false")
                        .param("reason", "FAMILY_DECLINED").param("comment", "Préfère attendre."))
                .andExpect(flash().attribute("flash", "childcareAid.flash.recorded"));
        mvc.perform(post(url).with(user(owner)).with(csrf()).param("requested", "false")
                .param("reason", "FAMILY_DECLINED"));
        assertThat(count(id)).isOne();
        assertThat(page(id).selectFirst("[data-testid=childcare-aid-recorded]").text())
                .contains("La famille ne le souhaite pas");

        // Changed with the version read; a stale version is refused.
        mvc.perform(post(url).with(user(owner)).with(csrf()).param("version", "0").param("requested", "true")
                        .param("requestedOn", fixtures.today().toString()))
                .andExpect(flash().attribute("flash", "childcareAid.flash.recorded"));
        mvc.perform(post(url).with(user(owner)).with(csrf()).param("version", "0").param("requested", "false")
                        .param("reason", "OTHER"))
                .andExpect(flash().attribute("error", "childcareAid.stale"));
        assertThat(jdbc.sql("select requested from childcare_aid_record where referral_id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("""
                        select action from audit_entry where entity_type = 'REFERRAL' and entity_id = ? order by id""")
                .param(id).query(String.class).list())
                .containsExactly("CHILDCARE_AID_RECORDED", "CHILDCARE_AID_CHANGED");

        FollowUpStatistics.Aid aid = statistics.figures(owner, fixtures.today(), fixtures.today().plusDays(30)).aid();
        assertThat(aid.eligible().masked()).as("one family: under the threshold").isTrue();
        assertThat(aid.requested().masked()).isTrue();
    }

    long count(long id) {
        return jdbc.sql("select count(*) from childcare_aid_record where referral_id = ?").param(id)
                .query(Long.class).single();
    }
}
