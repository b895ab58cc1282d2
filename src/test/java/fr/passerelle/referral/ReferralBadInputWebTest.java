package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Implausible dates and unusable e-mail addresses on the advisor's real referral form, saved as a draft and sent:
 * each is refused with its French message next to its field and nothing is saved; and a child who will have reached
 * the age limit on the first day of care is flagged beside their row before the referral is sent.
 */
@IntegrationTest
class ReferralBadInputWebTest {

    private static final String BASE = "/advisor/referrals";

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    /**
     * Each row: the field, its value (a date as days from today when it starts with + or -, or 2099 and 1926 as
     * typed), the error code, and a part of the French message shown.
     */
    @ParameterizedTest(name = "{0}={1}, {3}")
    @CsvSource(delimiter = '|', value = {
        "children[0].birthDate | 1926-03-01 | dates.birthDate.tooOld | remonte à plus de 18 ans | save",
        "children[0].birthDate | -6580 | dates.birthDate.tooOld | remonte à plus de 18 ans | submit",
        "children[0].birthDate | +1 | dates.birthDate.future | ne peut pas être dans le futur | save",
        "firstDay | 2099-12-31 | dates.care.beyondHorizon | une garde se demande au plus tard pour le | save",
        "firstDay | +400 | dates.care.beyondHorizon | une garde se demande au plus tard pour le | submit",
        "firstDay | -1 | dates.care.past | la garde commence au plus tôt aujourd’hui | submit",
        "lastDay | 2099-12-31 | dates.care.beyondHorizon | une garde se demande au plus tard pour le | save",
        "purposeDate | 1999-01-01 | dates.purpose.outOfRange | vérifiez l’année | save",
        "email | sophie@localhost | ValidEmail | e-mail | save",
        "email | sophie | ValidEmail | e-mail | submit",
        "email | <b>sophie</b>@example.org | ValidEmail | e-mail | save",
        "email | sophie@example.org;lea@example.org | ValidEmail | e-mail | save"})
    void anImplausibleValueIsSaidNextToItsFieldAndNothingIsSaved(String field, String typed, String code,
            String message, String action) throws Exception {
        Account advisor = fixtures.advisor();
        Map<String, String> fields = completeFields();
        fields.put(field, value(typed));

        String page = mvc.perform(form(fields).param("action", action).with(user(fixtures.principal(advisor))))
                .andExpect(status().isOk())
                .andExpect(view().name("referral/form"))
                .andExpect(model().attributeHasFieldErrorCode("form", field, code))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains(message).contains("aria-invalid=\"true\"");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void plausibleDatesAtTheEdgesOfTheRangesAreAccepted() throws Exception {
        Account advisor = fixtures.advisor();
        Map<String, String> fields = completeFields();
        fields.put("children[0].birthDate", today().minusYears(18).plusDays(1).toString());
        fields.put("firstDay", today().toString());
        fields.put("lastDay", today().plusMonths(12).toString());
        fields.put("email", "  Lea.MARTIN@Example.org ");

        mvc.perform(form(fields).param("action", "save").with(user(fixtures.principal(advisor))))
                .andExpect(status().is3xxRedirection());

        assertThat(fixtures.countFiledBy(advisor)).isOne();
        assertThat(jdbc.sql("select email from referral where parent_last_name = ?")
                .param(fields.get("parentLastName")).query(String.class).single()).isEqualTo("lea.martin@example.org");
    }

    @ParameterizedTest(name = "born {0} years before the first day: flagged {1}")
    @CsvSource({"10, true", "12, true", "9, false"})
    void aChildWhoWillHaveReachedTheAgeLimitIsFlaggedBesideTheirRowBeforeSending(int years, boolean flagged)
            throws Exception {
        Account advisor = fixtures.advisor();
        Map<String, String> fields = completeFields();
        LocalDate firstDay = today().plusDays(7);
        fields.put("firstDay", firstDay.toString());
        fields.put("children[0].birthDate", firstDay.minusYears(years).toString());
        // Adding a row re-renders the form without saving: what the advisor sees while filling it in.
        String page = mvc.perform(form(fields).param("action", "add-child").with(user(fixtures.principal(advisor))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        String warning = page.substring(page.indexOf("id=\"child-0-age\"") - 200,
                page.indexOf("id=\"child-0-age\"") + 400);
        assertThat(warning).contains("Cet enfant aura 10 ans ou plus le premier jour de garde");
        assertThat(warning.contains("hidden")).isEqualTo(!flagged);
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    private MockHttpServletRequestBuilder form(Map<String, String> fields) {
        MockHttpServletRequestBuilder form = post(BASE + "/new").with(csrf())
                .param("creationToken", UUID.randomUUID().toString());
        fields.forEach(form::param);
        return form;
    }

    private String value(String typed) {
        if (typed.startsWith("+") || typed.startsWith("-")) {
            return today().plusDays(Long.parseLong(typed)).toString();
        }
        return typed;
    }

    /** Everything the Caf needs, for a family of its own. */
    private Map<String, String> completeFields() {
        return ReferralFixtures.completeFormFields(today());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
