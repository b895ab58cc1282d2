package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelEventKind;
import fr.passerelle.provider.label.AvipLabelStatus;
import fr.passerelle.provider.label.IllegalLabelTransitionException;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The administrators' registry pages and the officers' read-only view: access, forms, lifecycle, audit. */
@IntegrationTest
@Import(Childminders.class)
class ChildminderAdministrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    Childminders childminders;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    Clock clock;

    CurrentUser admin;
    CurrentUser officer;
    LocalDate today;

    @BeforeEach
    void setUp() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
        officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));
        today = LocalDate.now(clock);
    }

    @Test
    void onlyAdministratorsReachTheAdministrationPages() throws Exception {
        long id = childminders.create(admin, "91228", today.plusYears(2)).getId();
        List<String> pages = List.of("/admin/childminders", "/admin/childminders/new", "/admin/childminders/" + id,
                "/admin/childminders/" + id + "/edit", "/admin/childminders/expiring", "/admin/childminders/import",
                "/admin/childminders/export.csv", "/admin/childminders/template.csv");
        for (String page : pages) {
            mvc.perform(get(page).with(user(admin))).andExpect(status().isOk());
            for (Role role : List.of(Role.CAF_OFFICER, Role.ADVISOR, Role.PROVIDER)) {
                mvc.perform(get(page).with(user(someone(role)))).andExpect(status().isForbidden());
            }
        }
        mvc.perform(post("/admin/childminders/" + id + "/deactivate").with(user(officer)).with(csrf())
                .param("version", "0")).andExpect(status().isForbidden());
        assertThat(registry.get(id).isActive()).isTrue();
    }

    @Test
    void onlyOfficersReachTheReadOnlyRegistry() throws Exception {
        long id = childminders.create(admin, "91228", today.plusYears(2)).getId();
        for (String page : List.of("/officer/registry/childminders", "/officer/registry/childminders/" + id)) {
            mvc.perform(get(page).with(user(officer))).andExpect(status().isOk());
            for (Role role : List.of(Role.ADMIN, Role.ADVISOR, Role.PROVIDER)) {
                mvc.perform(get(page).with(user(someone(role)))).andExpect(status().isForbidden());
            }
        }
    }

    @Test
    void theOfficerSeesTheirDepartementOnlyAndNothingToChange() throws Exception {
        Childminder essonne = childminders.labelled(admin, "91228", today.plusYears(2), today, today.plusYears(1));
        Childminder paris = childminders.create(admin, "75056", today.plusYears(2));

        mvc.perform(get("/officer/registry/childminders/" + essonne.getId()).with(user(officer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(essonne.getAgreementNumber())))
                .andExpect(content().string(not(containsString("/label/suspend"))))
                .andExpect(content().string(not(containsString("/edit"))));
        mvc.perform(get("/officer/registry/childminders/" + paris.getId()).with(user(officer)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/officer/registry/childminders").with(user(officer))
                        .session(Childminders.searching(mvc, officer, "/officer/registry/childminders",
                                paris.getAgreementNumber())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(row(paris)))));
        mvc.perform(get("/officer/registry/childminders").with(user(officer))
                        .session(Childminders.searching(mvc, officer, "/officer/registry/childminders",
                                essonne.getAgreementNumber())))
                .andExpect(content().string(containsString(row(essonne))));
    }

    @Test
    void unknownIdsAnswer404() throws Exception {
        mvc.perform(get("/admin/childminders/999999999").with(user(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/childminders/999999999/edit").with(user(admin))).andExpect(status().isNotFound());
        mvc.perform(post("/admin/childminders/999999999/label/suspend").with(user(admin)).with(csrf())
                .param("version", "0").param("reason", "x")).andExpect(status().isNotFound());
        mvc.perform(get("/officer/registry/childminders/999999999").with(user(officer)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theFormShowsEachErrorNextToItsFieldAndSavesNothing() throws Exception {
        String number = Childminders.uniqueNumber();
        mvc.perform(post("/admin/childminders/new").with(user(admin)).with(csrf())
                        .param("lastName", " ").param("firstName", "Nadia").param("agreementNumber", number)
                        .param("agreementEndDate", today.minusDays(1).toString()).param("childrenAllowed", "5")
                        .param("avipPlaces", "2").param("communeQuery", "Nulle-Part-Sur-Mer")
                        .param("minAgeMonths", "0").param("maxAgeMonths", "132"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("childminderForm", "lastName", "childrenAllowed",
                        "communeQuery", "agreementEndDate"))
                .andExpect(content().string(containsString("Un agrément autorise au plus 4 enfants à la fois.")))
                .andExpect(content().string(containsString("Indiquez le nom.")));
        mvc.perform(post("/admin/childminders/new").with(user(admin)).with(csrf())
                        .param("lastName", "Bernard").param("firstName", "Nadia").param("agreementNumber", number)
                        .param("agreementEndDate", today.plusYears(1).toString()).param("childrenAllowed", "2")
                        .param("avipPlaces", "3").param("communeQuery", "91228")
                        .param("minAgeMonths", "0").param("maxAgeMonths", "132"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("childminderForm", "avipPlaces"))
                .andExpect(content().string(containsString("Les places AVIP ne peuvent pas dépasser")));
        assertThat(count("select count(*) from childminder where agreement_number = ?", number)).isZero();
    }

    @Test
    void creatingAChildminderIsAuditedAndASecondSubmitCreatesNothingMore() throws Exception {
        String number = Childminders.uniqueNumber();
        MockHttpServletRequestBuilder request = post("/admin/childminders/new").with(user(admin)).with(csrf())
                .param("lastName", "Bernard").param("firstName", "Nadia")
                .param("agreementNumber", number.toLowerCase())
                .param("agreementEndDate", today.plusYears(1).toString()).param("childrenAllowed", "3")
                .param("avipPlaces", "1").param("communeQuery", "Évry-Courcouronnes (91000)")
                .param("minAgeMonths", "3").param("maxAgeMonths", "72").param("phone", "06 12 34 56 78");

        mvc.perform(request).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "childminder.flash.created"));
        mvc.perform(request).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("childminderForm", "agreementNumber"));

        Long id = jdbc.sql("select id from childminder where agreement_number = ?").param(number).query(Long.class)
                .single();
        assertThat(registry.get(id).getCommuneCode()).isEqualTo("91228");
        assertThat(auditActions("CHILDMINDER", id)).containsExactly("CREATED");
    }

    @Test
    void aPhoneLongerThanItsColumnIsRefusedNextToItAndNotTakenForADuplicateNumber() throws Exception {
        String number = Childminders.uniqueNumber();
        // 21 characters: the format allows them, the column does not.
        String phone = "+" + "0".repeat(20);

        mvc.perform(post("/admin/childminders/new").with(user(admin)).with(csrf())
                        .param("lastName", "Bernard").param("firstName", "Nadia").param("agreementNumber", number)
                        .param("agreementEndDate", today.plusYears(1).toString()).param("childrenAllowed", "2")
                        .param("avipPlaces", "1").param("communeQuery", "91228")
                        .param("minAgeMonths", "0").param("maxAgeMonths", "132").param("phone", phone))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("childminderForm", "phone", "Size"))
                .andExpect(model().errorCount(1))
                .andExpect(content().string(containsString("20 caractères au plus")));
        assertThat(count("select count(*) from childminder where agreement_number = ?", number)).isZero();
    }

    @Test
    void onlyATakenAgreementNumberIsReadAsADuplicateWhenTheDatabaseRefusesAChildminder() {
        Childminder first = childminders.create(admin, "91228", today.plusYears(2));
        Childminder second = childminders.create(admin, "91228", today.plusYears(2));

        var duplicate = catchThrowableOfType(DataIntegrityViolationException.class,
                () -> jdbc.sql("update childminder set agreement_number = ? where id = ?")
                        .params(first.getAgreementNumber(), second.getId()).update());
        var otherRule = catchThrowableOfType(DataIntegrityViolationException.class,
                () -> jdbc.sql("update childminder set max_age_months = 200 where id = ?")
                        .param(second.getId()).update());

        assertThat(DuplicateAgreementNumberException.isCauseOf(duplicate)).isTrue();
        assertThat(DuplicateAgreementNumberException.isCauseOf(otherRule)).isFalse();
    }

    @Test
    void aStaleEditIsRefusedWithAClearMessageAndKeepsWhatWasTyped() throws Exception {
        Childminder childminder = childminders.create(admin, "91228", today.plusYears(2));
        long version = childminder.getVersion();
        registry.update(admin, childminder.getId(), version, withPhone(childminder, "0611111111"));

        mvc.perform(post("/admin/childminders/" + childminder.getId() + "/edit").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version)).param("lastName", "Autre")
                        .param("firstName", "Sophie").param("agreementNumber", childminder.getAgreementNumber())
                        .param("agreementEndDate", today.plusYears(2).toString()).param("childrenAllowed", "4")
                        .param("avipPlaces", "2").param("communeQuery", "91228")
                        .param("minAgeMonths", "0").param("maxAgeMonths", "132"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Quelqu’un a modifié cette fiche")))
                .andExpect(content().string(containsString("value=\"Autre\"")));
        assertThat(registry.get(childminder.getId()).getLastName()).isEqualTo("Testeuse");
    }

    @Test
    void anEditRecordsEachChangedFieldInTheAuditTrail() throws Exception {
        Childminder childminder = childminders.create(admin, "91228", today.plusYears(2));

        mvc.perform(post("/admin/childminders/" + childminder.getId() + "/edit").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(childminder.getVersion())).param("lastName", "Testeuse")
                        .param("firstName", "Sophie").param("agreementNumber", childminder.getAgreementNumber())
                        .param("agreementEndDate", today.plusYears(2).toString()).param("childrenAllowed", "3")
                        .param("avipPlaces", "1").param("communeQuery", "91174")
                        .param("minAgeMonths", "0").param("maxAgeMonths", "132").param("phone", "0600000000")
                        .param("availabilityNotes", "En semaine"))
                .andExpect(status().is3xxRedirection());

        String changes = jdbc.sql("select changes::text from audit_entry where entity_type = 'CHILDMINDER'"
                        + " and entity_id = ? and action = 'UPDATED'").param(childminder.getId()).query(String.class)
                .single();
        assertThat(changes).contains("childrenAllowed", "avipPlaces", "communeCode", "91174")
                .doesNotContain("lastName", "phone");
    }

    @Test
    void anEditKeepsHerOrganisationNamedAndPlacedLikeHerAndAMoveToAnotherDepartementEndsHerSessions()
            throws Exception {
        Childminder childminder = childminders.create(admin, "91228", today.plusYears(2));
        long organisationId = jdbc.sql("select organisation_id from childminder where id = ?")
                .param(childminder.getId()).query(Long.class).single();
        CurrentUser provider = accounts.signedIn(accounts.create(Role.PROVIDER,
                organisations.findById(organisationId).orElseThrow()));

        mvc.perform(post("/admin/childminders/" + childminder.getId() + "/edit").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(childminder.getVersion())).param("lastName", "Durand")
                        .param("firstName", "Sophie").param("agreementNumber", childminder.getAgreementNumber())
                        .param("agreementEndDate", today.plusYears(2).toString()).param("childrenAllowed", "4")
                        .param("avipPlaces", "2").param("communeQuery", "75056")
                        .param("minAgeMonths", "0").param("maxAgeMonths", "132"))
                .andExpect(status().is3xxRedirection());

        Organisation organisation = organisations.findById(organisationId).orElseThrow();
        assertThat(organisation.getName()).isEqualTo("Sophie Durand (" + childminder.getAgreementNumber() + ")");
        assertThat(organisation.getCommuneCode()).isEqualTo("75056");
        assertThat(organisation.getDepartementCode()).isEqualTo("75");
        mvc.perform(get("/provider").with(user(provider))).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void theWholeLabelLifecycleThroughThePagesWithEachStepAudited() throws Exception {
        long id = childminders.create(admin, "91228", today.plusYears(5)).getId();
        String base = "/admin/childminders/" + id;

        mvc.perform(post(base + "/label/grant").with(user(admin)).with(csrf()).param("currentLabelId", "0")
                        .param("validFrom", today.toString()).param("validTo", today.plusYears(3).toString()))
                .andExpect(flash().attribute("flash", "label.flash.granted"));
        assertThat(labelStatus(id)).isEqualTo(AvipLabelStatus.ACTIVE);
        long labelId = registry.currentLabel(id).orElseThrow().getId();

        mvc.perform(post(base + "/label/grant").with(user(admin)).with(csrf()).param("currentLabelId", "0")
                        .param("validFrom", today.toString()).param("validTo", today.plusYears(3).toString()))
                .andExpect(flash().attribute("error", "label.stale"));

        mvc.perform(post(base + "/label/suspend").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id))).param("reason", " "))
                .andExpect(flash().attribute("suspendError", "label.reason.required"));
        long beforeSuspension = version(id);
        mvc.perform(post(base + "/label/suspend").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(beforeSuspension)).param("reason", "Enquête PMI"))
                .andExpect(flash().attribute("flash", "label.flash.suspended"));
        mvc.perform(post(base + "/label/suspend").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(beforeSuspension)).param("reason", "Enquête PMI"))
                .andExpect(flash().attribute("error", "label.stale"));
        assertThat(labelStatus(id)).isEqualTo(AvipLabelStatus.SUSPENDED);

        mvc.perform(post(base + "/label/renew").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id)))
                        .param("validTo", today.plusYears(4).toString()))
                .andExpect(flash().attribute("error", "label.transition.illegal"));

        mvc.perform(post(base + "/label/reinstate").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id))))
                .andExpect(flash().attribute("flash", "label.flash.reinstated"));
        assertThat(labelStatus(id)).isEqualTo(AvipLabelStatus.ACTIVE);

        mvc.perform(post(base + "/label/reinstate").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id))))
                .andExpect(flash().attribute("error", "label.transition.illegal"));

        mvc.perform(post(base + "/label/renew").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id)))
                        .param("validTo", today.plusYears(4).toString()))
                .andExpect(flash().attribute("flash", "label.flash.renewed"));

        mvc.perform(post(base + "/label/revoke").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id))).param("reason", "Retrait d’agrément"))
                .andExpect(flash().attribute("flash", "label.flash.revoked"));
        assertThat(labelStatus(id)).isEqualTo(AvipLabelStatus.REVOKED);

        mvc.perform(post(base + "/label/grant").with(user(admin)).with(csrf())
                        .param("currentLabelId", String.valueOf(labelId))
                        .param("validFrom", today.toString()).param("validTo", today.plusYears(3).toString()))
                .andExpect(flash().attribute("error", "label.transition.illegal"));

        assertThat(auditActions("AVIP_LABEL", labelId)).containsExactly("LABEL_GRANTED", "LABEL_SUSPENDED",
                "LABEL_REINSTATED", "LABEL_RENEWED", "LABEL_REVOKED");
        assertThat(registry.history(id)).extracting(ChildminderRegistry.LabelHistoryEntry::kind).containsExactly(
                AvipLabelEventKind.GRANTED, AvipLabelEventKind.SUSPENDED, AvipLabelEventKind.REINSTATED,
                AvipLabelEventKind.RENEWED, AvipLabelEventKind.REVOKED);
        assertThat(registry.history(id)).extracting(ChildminderRegistry.LabelHistoryEntry::actorName)
                .containsOnly(admin.getDisplayName());
        mvc.perform(get(base).with(user(admin))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Retrait d’agrément")))
                .andExpect(content().string(containsString("ce retrait est définitif")));
    }

    @Test
    void aGrantIsRefusedWhileALabelIsCurrentAndAllowedOnceItExpired() {
        long active = childminders.labelled(admin, "91228", today.plusYears(3), today, today.plusYears(1)).getId();
        long future = childminders.labelled(admin, "91228", today.plusYears(3), today.plusDays(1), today.plusYears(1))
                .getId();
        long expired = childminders.labelled(admin, "91228", today.plusYears(3), today.minusYears(1),
                today.minusDays(1)).getId();

        for (long id : List.of(active, future)) {
            assertThatThrownBy(() -> registry.grantLabel(admin, id, currentLabelId(id), today, today.plusYears(1)))
                    .isInstanceOf(IllegalLabelTransitionException.class);
        }
        registry.grantLabel(admin, expired, currentLabelId(expired), today, today.plusYears(1));
        assertThat(labelStatus(expired)).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(registry.history(expired)).hasSize(2);
    }

    @Test
    void ofTwoAdministratorsGrantingFromTheSamePageTheSecondIsToldItIsStale() throws Exception {
        long id = childminders.labelled(admin, "91228", today.plusYears(3), today.minusYears(1), today.minusDays(1))
                .getId();
        long expiredLabel = currentLabelId(id);
        CurrentUser otherAdmin = accounts.signedIn(accounts.create(Role.ADMIN));
        // Both pages showed the expired label; the other administrator's grant, for days already past, leaves
        // an expired label again, which alone would not stop a second grant.
        registry.grantLabel(otherAdmin, id, expiredLabel, today.minusDays(20), today.minusDays(10));

        assertThatThrownBy(() -> registry.grantLabel(admin, id, expiredLabel, today, today.plusYears(1)))
                .isInstanceOf(StaleDataException.class);
        mvc.perform(post("/admin/childminders/" + id + "/label/grant").with(user(admin)).with(csrf())
                        .param("currentLabelId", String.valueOf(expiredLabel))
                        .param("validFrom", today.toString()).param("validTo", today.plusYears(1).toString()))
                .andExpect(flash().attribute("error", "label.stale"));
        assertThat(count("select count(*) from avip_label where childminder_id = ?", id)).isEqualTo(2);
    }

    @Test
    void theGrantFormSaysEachMissingOrReversedDateNextToItsLabelledField() throws Exception {
        long id = childminders.create(admin, "91228", today.plusYears(3)).getId();
        String page = "/admin/childminders/" + id;

        // The flash messages travel in the session, as between a browser's POST and the GET it is redirected to.
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post(page + "/label/grant").session(session).with(user(admin)).with(csrf())
                        .param("currentLabelId", "0"))
                .andExpect(flash().attribute("grantFromError", "label.grant.from.required"))
                .andExpect(flash().attribute("grantToError", "label.grant.to.required"));
        mvc.perform(get(page).session(session).with(user(admin)))
                .andExpect(content().string(containsString("<label for=\"grant-from\"")))
                .andExpect(content().string(containsString("<label for=\"grant-to\"")))
                .andExpect(content().string(containsString("aria-describedby=\"grant-from-error\"")));
        mvc.perform(post(page + "/label/grant").session(session).with(user(admin)).with(csrf())
                        .param("currentLabelId", "0")
                        .param("validFrom", today.toString()).param("validTo", today.minusDays(1).toString()))
                .andExpect(flash().attribute("grantToError", "label.grant.dates.order"));
        mvc.perform(get(page).session(session).with(user(admin)))
                .andExpect(content().string(containsString("aria-describedby=\"grant-to-hint grant-to-error\"")))
                .andExpect(content().string(containsString("id=\"grant-to-error\"")))
                .andExpect(content().string(containsString("La fin du label doit être le jour du début ou après.")));
        assertThat(registry.currentLabel(id)).isEmpty();
    }

    @Test
    void anExpiredLabelCannotBeSuspended() throws Exception {
        long id = childminders.labelled(admin, "91228", today.plusYears(3), today.minusYears(1), today.minusDays(1))
                .getId();

        mvc.perform(post("/admin/childminders/" + id + "/label/suspend").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(version(id))).param("reason", "Enquête PMI"))
                .andExpect(flash().attribute("error", "label.suspend.expired"));
        assertThat(labelStatus(id)).isEqualTo(AvipLabelStatus.EXPIRED);
        mvc.perform(get("/admin/childminders/" + id).with(user(admin)))
                .andExpect(content().string(not(containsString("data-testid=\"suspend\""))));
    }

    @Test
    void deactivationKeepsTheChildminderAndIsAudited() throws Exception {
        Childminder childminder = childminders.create(admin, "91228", today.plusYears(2));

        mvc.perform(post("/admin/childminders/" + childminder.getId() + "/deactivate").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(childminder.getVersion())))
                .andExpect(flash().attribute("flash", "childminder.flash.deactivated"));

        assertThat(registry.get(childminder.getId()).isActive()).isFalse();
        mvc.perform(get("/admin/childminders").with(user(admin))
                        .session(Childminders.searching(mvc, admin, "/admin/childminders", childminder.getAgreementNumber())))
                .andExpect(content().string(not(containsString(row(childminder)))));
        mvc.perform(get("/admin/childminders").with(user(admin))
                        .session(Childminders.searching(mvc, admin, "/admin/childminders", childminder.getAgreementNumber()))
                        .param("state", "INACTIVE"))
                .andExpect(content().string(containsString(row(childminder))));
        assertThat(auditActions("CHILDMINDER", childminder.getId())).containsExactly("CREATED", "DEACTIVATED");
    }

    @Test
    void theListFiltersByLabelStatusCommuneAndExpiry() throws Exception {
        Childminder active = childminders.labelled(admin, "91477", today.plusYears(3), today, today.plusYears(1));
        Childminder ending = childminders.labelled(admin, "91477", today.plusYears(3), today, today.plusDays(20));
        Childminder none = childminders.create(admin, "91477", today.plusYears(3));

        String page = mvc.perform(get("/admin/childminders").with(user(admin)).param("commune", "91477")
                        .param("label", "ACTIVE").param("expiring", "30"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(row(ending)).doesNotContain(row(active), row(none));

        page = mvc.perform(get("/admin/childminders").with(user(admin)).param("commune", "91477")
                        .param("label", "NONE"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(row(none)).doesNotContain(row(active));

        mvc.perform(get("/admin/childminders/expiring").with(user(admin)))
                .andExpect(content().string(containsString("/admin/childminders/" + ending.getId())));
    }

    /** The list's row of that childminder (the search box repeats the number, so look for the row itself). */
    private static String row(Childminder childminder) {
        return "data-agreement=\"" + childminder.getAgreementNumber() + "\"";
    }

    private CurrentUser someone(Role role) {
        return accounts.signedIn(role == Role.ADMIN || role == Role.CAF_OFFICER ? accounts.create(role)
                : accounts.create(role, accounts.organisation(role == Role.ADVISOR
                        ? OrganisationKind.FRANCE_TRAVAIL_AGENCY : OrganisationKind.HOME_CARE_SERVICE)));
    }

    private static ChildminderDetails withPhone(Childminder childminder, String phone) {
        ChildminderDetails d = childminder.details();
        return new ChildminderDetails(d.firstName(), d.lastName(), d.agreementNumber(), d.agreementEndDate(),
                d.childrenAllowed(), d.avipPlaces(), d.communeCode(), d.minAgeMonths(), d.maxAgeMonths(), phone,
                d.email(), d.availabilityNotes());
    }

    private AvipLabelStatus labelStatus(long childminderId) {
        return registry.currentLabel(childminderId).orElseThrow().statusOn(today);
    }

    private long currentLabelId(long childminderId) {
        return registry.currentLabel(childminderId).map(AvipLabel::getId).orElse(0L);
    }

    private long version(long childminderId) {
        return childminders.labelVersion(childminderId);
    }

    private List<String> auditActions(String type, long id) {
        return jdbc.sql("select action from audit_entry where entity_type = ? and entity_id = ? order by id")
                .params(type, id).query(String.class).list();
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }
}
