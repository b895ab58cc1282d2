package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.annotation.Transactional;

@IntegrationTest
class UserAdministrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    UserAccountRepository users;

    @Autowired
    UserAdministration administration;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    Account admin;
    MockHttpSession adminSession;

    @Autowired
    OrganisationPicker picker;

    @BeforeEach
    void signInAsAdmin() throws Exception {
        admin = accounts.create(Role.ADMIN);
        adminSession = signIn(admin.username(), admin.password());
    }

    @Test
    void theOrganisationIsPickedByPartOfItsNameAmongTheSuggestions() throws Exception {
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        String part = agency.getName().substring(agency.getName().length() - 8);

        String suggestions = mvc.perform(post("/admin/users/organisations/suggestions").with(csrf()).param("q", part)
                        .session(adminSession))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String label = picker.label(agency);
        assertThat(suggestions).contains("value=\"" + agency.getName() + " — Agence France Travail (ex-Pôle emploi) (91)"
                + " · n° " + agency.getId() + "\"");
        assertThat(picker.resolve(label)).contains(agency.getId());
        assertThat(picker.resolve(agency.getName().toUpperCase())).contains(agency.getId());
        assertThat(picker.resolve("Aucune organisation de ce nom")).isEmpty();

        String username = "picked-" + unique();
        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", username).param("displayName", "Nina Choisie").param("role", "ADVISOR")
                        .param("email", username + "@example.org")
                        .param("organisationLabel", label))
                .andExpect(redirectedUrlPattern("/admin/users/*"));
        assertThat(users.findWithOrganisationByUsername(username).orElseThrow().getOrganisation().getId())
                .isEqualTo(agency.getId());

        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", "unpicked-" + unique()).param("displayName", "Nina").param("role", "ADVISOR")
                        .param("organisationLabel", "Aucune organisation de ce nom"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("newUserForm", "organisationId",
                        "admin.user.organisation.pick"));
    }

    @Test
    void anAdministratorCreatesAnAccountWithAGeneratedTemporaryPasswordShownOnceAndAudited() throws Exception {
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        String username = "new-" + unique();

        MvcResult result = mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", username.toUpperCase())
                        .param("displayName", "  Nora Conseillère ")
                        .param("email", " nora@example.org ")
                        .param("role", "ADVISOR")
                        .param("organisationId", agency.getId().toString())
                        .param("temporaryPassword", ""))
                .andExpect(redirectedUrlPattern("/admin/users/*"))
                .andExpect(flash().attribute("flash", "admin.user.flash.created"))
                .andReturn();
        String temporaryPassword = (String) result.getFlashMap().get("temporaryPassword");
        assertThat(temporaryPassword).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");

        UserAccount created = users.findWithOrganisationByUsername(username).orElseThrow();
        assertThat(created.getDisplayName()).isEqualTo("Nora Conseillère");
        assertThat(created.getEmail()).isEqualTo("nora@example.org");
        assertThat(created.isPasswordChangeRequired()).isTrue();
        assertThat(passwordEncoder.matches(temporaryPassword, created.getPasswordHash())).isTrue();
        assertThat(audit(created.getId())).singleElement().satisfies(entry -> {
            assertThat(entry).startsWith("CREATED by " + admin.user().getId());
            assertThat(entry).contains("role ∅ → ADVISOR", "email ∅ → nora@example.org",
                            "passwordChangeRequired ∅ → true", agency.getName())
                    .doesNotContain(temporaryPassword);
        });

        MockHttpSession newcomer = signIn(username, temporaryPassword);
        mvc.perform(get("/advisor").session(newcomer)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/admin/users/" + created.getId()).session(adminSession))
                .andExpect(content().string(Matchers.containsString(temporaryPassword)));
        mvc.perform(get("/admin/users/" + created.getId()).session(adminSession))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(temporaryPassword))));
    }

    @Test
    void aRoleMustMatchTheKindOfItsOrganisation() throws Exception {
        Organisation caf = accounts.organisation(OrganisationKind.CAF);

        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", "mismatch-" + unique())
                        .param("displayName", "Mauvais rôle")
                        .param("email", "mauvais.role@example.org")
                        .param("role", "ADVISOR")
                        .param("organisationId", caf.getId().toString())
                        .param("temporaryPassword", "un mot de passe assez long"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("newUserForm", "role", "admin.user.role.mismatch.ADVISOR"))
                .andExpect(content().string(Matchers.containsString(
                        "Un conseiller appartient à une agence France Travail")));
    }

    @Test
    void eachMissingFieldIsShownNextToItAndNothingIsSaved() throws Exception {
        String username = "incomplete-" + unique();
        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", username)
                        .param("displayName", "")
                        .param("temporaryPassword", "court"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Indiquez le nom affiché.")))
                .andExpect(content().string(Matchers.containsString("Choisissez le rôle.")))
                .andExpect(content().string(Matchers.containsString("entre 12 et 72 caractères")))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"displayName-error\"")));
        assertThat(users.existsByUsername(username)).isFalse();
    }

    @Test
    void aTypedTemporaryPasswordLongerThanBcryptReadsIsRefusedNextToItsField() throws Exception {
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        String username = "long-password-" + unique();
        // 40 characters, but 80 bytes in UTF-8: bcrypt would ignore the last 8.
        String password = "é".repeat(40);

        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", username).param("displayName", "Mot de passe long")
                        .param("role", "ADVISOR").param("organisationId", agency.getId().toString())
                        .param("temporaryPassword", password))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("newUserForm", "temporaryPassword",
                        "account.password.too-long"))
                .andExpect(content().string(Matchers.containsString("72 octets au plus")));
        assertThat(users.existsByUsername(username)).isFalse();
    }

    @Test
    void aTakenUsernameIsRefusedSoThatASecondSubmitCreatesNothing() throws Exception {
        Account existing = accounts.create(Role.ADVISOR);

        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", existing.username())
                        .param("displayName", "Doublon")
                        .param("email", "doublon@example.org")
                        .param("role", "ADVISOR")
                        .param("organisationId", existing.user().getOrganisation().getId().toString()))
                .andExpect(model().attributeHasFieldErrorCode("newUserForm", "username", "admin.user.username.taken"));
    }

    @Test
    void disablingAnAccountEndsItsOpenSessionAndIsAudited() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);
        MockHttpSession advisorSession = signIn(advisor.username(), advisor.password());
        mvc.perform(get("/advisor").session(advisorSession)).andExpect(status().isOk());

        mvc.perform(post("/admin/users/" + advisor.user().getId() + "/disable").session(adminSession).with(csrf())
                        .param("version", String.valueOf(version(advisor))))
                .andExpect(redirectedUrl("/admin/users/" + advisor.user().getId()))
                .andExpect(flash().attribute("flash", "admin.user.flash.disabled"));

        mvc.perform(get("/advisor").session(advisorSession)).andExpect(redirectedUrl("/login?expired"));
        assertThat(advisorSession.isInvalid()).isTrue();
        mvc.perform(formLogin().user(advisor.username()).password(advisor.password()))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(audit(advisor.user().getId())).singleElement().asString()
                .startsWith("DISABLED").contains("enabled true → false");

        mvc.perform(post("/admin/users/" + advisor.user().getId() + "/enable").session(adminSession).with(csrf())
                        .param("version", String.valueOf(version(advisor))))
                .andExpect(flash().attribute("flash", "admin.user.flash.enabled"));
        signIn(advisor.username(), advisor.password());
        assertThat(audit(advisor.user().getId())).hasSize(2).last().asString().startsWith("ENABLED");
    }

    @Test
    void resettingAPasswordEndsTheSessionAndTheTemporaryPasswordMustBeChanged() throws Exception {
        Account officer = accounts.create(Role.CAF_OFFICER);
        MockHttpSession officerSession = signIn(officer.username(), officer.password());

        MvcResult result = mvc.perform(post("/admin/users/" + officer.user().getId() + "/reset-password")
                        .session(adminSession).with(csrf()).param("version", String.valueOf(version(officer))))
                .andExpect(flash().attribute("flash", "admin.user.flash.reset"))
                .andReturn();
        String temporaryPassword = (String) result.getFlashMap().get("temporaryPassword");

        mvc.perform(get("/officer").session(officerSession)).andExpect(redirectedUrl("/login?expired"));
        mvc.perform(formLogin().user(officer.username()).password(officer.password()))
                .andExpect(redirectedUrl("/login?error"));
        MockHttpSession again = signIn(officer.username(), temporaryPassword);
        mvc.perform(get("/officer").session(again)).andExpect(redirectedUrl("/account/password"));
        assertThat(audit(officer.user().getId())).singleElement().asString().startsWith("PASSWORD_RESET")
                .doesNotContain(temporaryPassword);
    }

    @Test
    void changingRoleAndOrganisationIsAuditedFieldByFieldAndEndsTheSessions() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);
        MockHttpSession advisorSession = signIn(advisor.username(), advisor.password());
        Organisation caf = accounts.organisation(OrganisationKind.CAF);

        mvc.perform(post("/admin/users/" + advisor.user().getId()).session(adminSession).with(csrf())
                        .param("displayName", "Test ADVISOR")
                        .param("email", advisor.user().getEmail())
                        .param("role", "CAF_OFFICER")
                        .param("organisationId", caf.getId().toString())
                        .param("version", String.valueOf(version(advisor))))
                .andExpect(flash().attribute("flash", "admin.user.flash.updated"));

        UserAccount saved = users.findWithOrganisationById(advisor.user().getId()).orElseThrow();
        assertThat(saved.getRole()).isEqualTo(Role.CAF_OFFICER);
        assertThat(saved.getOrganisation().getId()).isEqualTo(caf.getId());
        mvc.perform(get("/advisor").session(advisorSession)).andExpect(redirectedUrl("/login?expired"));
        assertThat(audit(advisor.user().getId())).singleElement().asString().startsWith("UPDATED")
                .contains("role ADVISOR → CAF_OFFICER")
                .contains(caf.getName()).doesNotContain("displayName");
    }

    @Test
    void aStaleVersionIsRefusedWithAClearMessageAndKeepsWhatWasTyped() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);

        mvc.perform(post("/admin/users/" + advisor.user().getId()).session(adminSession).with(csrf())
                        .param("displayName", "Nouveau nom")
                        .param("email", advisor.user().getEmail())
                        .param("role", "ADVISOR")
                        .param("organisationId", advisor.user().getOrganisation().getId().toString())
                        .param("version", String.valueOf(version(advisor) - 1)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Quelqu’un a modifié cette fiche")))
                .andExpect(content().string(Matchers.containsString("value=\"Nouveau nom\"")));
        assertThat(users.findById(advisor.user().getId()).orElseThrow().getDisplayName()).isEqualTo("Test ADVISOR");
        assertThat(audit(advisor.user().getId())).isEmpty();
    }

    @Test
    void anAdministratorCannotDisableThemselvesNorResetTheirOwnPassword() throws Exception {
        long id = admin.user().getId();
        mvc.perform(post("/admin/users/" + id + "/disable").session(adminSession).with(csrf())
                        .param("version", String.valueOf(version(admin))))
                .andExpect(flash().attribute("error", "admin.user.disable.self"));
        mvc.perform(post("/admin/users/" + id + "/reset-password").session(adminSession).with(csrf())
                        .param("version", String.valueOf(version(admin))))
                .andExpect(flash().attribute("error", "admin.user.reset.self"));
        mvc.perform(get("/admin/users/" + id).session(adminSession))
                .andExpect(status().isOk());
        assertThat(users.findById(id).orElseThrow().isEnabled()).isTrue();
    }

    @Test
    void anAdministratorCannotRemoveTheirOwnAdministratorRoleEvenWhenOthersRemain() throws Exception {
        accounts.create(Role.ADMIN);
        long id = admin.user().getId();
        String organisationId = admin.user().getOrganisation().getId().toString();

        mvc.perform(post("/admin/users/" + id).session(adminSession).with(csrf())
                        .param("displayName", "Moi").param("role", "CAF_OFFICER").param("email", admin.user().getEmail())
                        .param("organisationId", organisationId).param("version", String.valueOf(version(admin))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("userForm", "role", "admin.user.role.self"))
                .andExpect(content().string(Matchers.containsString(
                        "Vous ne pouvez pas retirer votre propre rôle d’administrateur.")));
        assertThat(users.findById(id).orElseThrow().getRole()).isEqualTo(Role.ADMIN);
    }

    @Test
    @Transactional
    void theLastEnabledAdministratorCannotBeDisabledNorDemoted() {
        Account other = accounts.create(Role.ADMIN);
        CurrentUser actor = accounts.signedIn(admin);
        jdbc.sql("update user_account set enabled = false where role = 'ADMIN' and id <> ?")
                .param(other.user().getId()).update();

        assertThatThrownBy(() -> administration.disable(actor, other.user().getId(), version(other)))
                .isInstanceOf(RejectedChangeException.class)
                .extracting("messageCode").isEqualTo("admin.user.last-admin");
        UserForm form = UserForm.of(users.findWithOrganisationById(other.user().getId()).orElseThrow(), picker);
        form.setRole(Role.CAF_OFFICER);
        assertThatThrownBy(() -> administration.update(actor, other.user().getId(), version(other), form))
                .isInstanceOf(RejectedChangeException.class)
                .extracting("messageCode").isEqualTo("admin.user.last-admin");
    }

    @Test
    void unknownAccountsAnswer404() throws Exception {
        mvc.perform(get("/admin/users/999999999").session(adminSession)).andExpect(status().isNotFound());
        mvc.perform(post("/admin/users/999999999/disable").session(adminSession).with(csrf()).param("version", "0"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theListFiltersByRoleAndEnabledAndSearchesByNameWithoutPuttingItInTheUrl() throws Exception {
        Account provider = accounts.create(Role.PROVIDER);
        String name = provider.username();

        mvc.perform(post("/admin/users/search").session(adminSession).with(csrf()).param("q", name))
                .andExpect(redirectedUrl("/admin/users"));
        mvc.perform(get("/admin/users").param("role", "PROVIDER").param("enabled", "true").session(adminSession))
                .andExpect(status().isOk())
                .andExpect(model().attribute("page", Matchers.hasProperty("totalElements", Matchers.is(1L))))
                .andExpect(content().string(Matchers.containsString(name)));
        mvc.perform(get("/admin/users").param("role", "ADVISOR").session(adminSession))
                .andExpect(model().attribute("page", Matchers.hasProperty("totalElements", Matchers.is(0L))));
    }

    @Test
    void aNewAccountNeedsAValidEmailAddressSaidNextToTheFieldAndNothingIsSaved() throws Exception {
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        String username = "no-email-" + unique();

        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", username).param("displayName", "Sans adresse").param("role", "ADVISOR")
                        .param("organisationId", agency.getId().toString()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("newUserForm", "email", "NotBlank"))
                .andExpect(content().string(Matchers.containsString("Indiquez l’adresse e-mail de la personne.")));
        mvc.perform(post("/admin/users/new").session(adminSession).with(csrf())
                        .param("username", username).param("displayName", "Adresse fausse").param("role", "ADVISOR")
                        .param("organisationId", agency.getId().toString()).param("email", "nora@exemple"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("newUserForm", "email", "ValidEmail"))
                .andExpect(content().string(Matchers.containsString(
                        "Cette adresse e-mail n’est pas valide : elle s’écrit nom@domaine.fr, sans espace.")))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"email-hint email-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"email-error\"")));
        assertThat(users.existsByUsername(username)).isFalse();
    }

    @Test
    void changingTheEmailAddressIsAuditedAndABadOneIsRefusedNextToTheField() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);
        String organisationId = advisor.user().getOrganisation().getId().toString();

        mvc.perform(post("/admin/users/" + advisor.user().getId()).session(adminSession).with(csrf())
                        .param("displayName", "Test ADVISOR").param("email", "karim dupont@example.org")
                        .param("role", "ADVISOR").param("organisationId", organisationId)
                        .param("version", String.valueOf(version(advisor))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("userForm", "email", "ValidEmail"))
                .andExpect(content().string(Matchers.containsString("id=\"email-error\"")));
        mvc.perform(post("/admin/users/" + advisor.user().getId()).session(adminSession).with(csrf())
                        .param("displayName", "Test ADVISOR").param("email", "")
                        .param("role", "ADVISOR").param("organisationId", organisationId)
                        .param("version", String.valueOf(version(advisor))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("userForm", "email", "admin.user.email.required"));
        assertThat(users.findById(advisor.user().getId()).orElseThrow().getEmail())
                .isEqualTo(advisor.user().getEmail());
        assertThat(audit(advisor.user().getId())).isEmpty();

        mvc.perform(post("/admin/users/" + advisor.user().getId()).session(adminSession).with(csrf())
                        .param("displayName", "Test ADVISOR").param("email", "karim.dupont@francetravail.fr")
                        .param("role", "ADVISOR").param("organisationId", organisationId)
                        .param("version", String.valueOf(version(advisor))))
                .andExpect(flash().attribute("flash", "admin.user.flash.updated"));
        assertThat(users.findById(advisor.user().getId()).orElseThrow().getEmail())
                .isEqualTo("karim.dupont@francetravail.fr");
        assertThat(audit(advisor.user().getId())).singleElement().asString()
                .isEqualTo("UPDATED by " + admin.user().getId() + ": email " + advisor.user().getEmail()
                        + " → karim.dupont@francetravail.fr");
    }

    @Test
    void anAccountWithoutAnAddressIsShownAsMissingAndCanBeEditedUntilOneIsGiven() throws Exception {
        Account old = accounts.createWithoutEmail(Role.CAF_OFFICER);

        mvc.perform(post("/admin/users/search").session(adminSession).with(csrf()).param("q", old.username()));
        mvc.perform(get("/admin/users").session(adminSession))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("E-mail manquant")));
        mvc.perform(get("/admin/users/" + old.user().getId()).session(adminSession))
                .andExpect(content().string(Matchers.containsString("data-testid=\"email-missing\"")));

        mvc.perform(post("/admin/users/" + old.user().getId()).session(adminSession).with(csrf())
                        .param("displayName", "Camille Ancienne").param("email", "")
                        .param("role", "CAF_OFFICER")
                        .param("organisationId", old.user().getOrganisation().getId().toString())
                        .param("version", String.valueOf(version(old))))
                .andExpect(flash().attribute("flash", "admin.user.flash.updated"));
        UserAccount saved = users.findById(old.user().getId()).orElseThrow();
        assertThat(saved.getDisplayName()).isEqualTo("Camille Ancienne");
        assertThat(saved.getEmail()).isNull();

        Account current = accounts.create(Role.CAF_OFFICER);
        mvc.perform(post("/admin/users/search").session(adminSession).with(csrf()).param("q", current.username()));
        mvc.perform(get("/admin/users").session(adminSession))
                .andExpect(content().string(Matchers.containsString(current.user().getEmail())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("E-mail manquant"))));
    }

    @Test
    void aLockedAccountIsShownOnTheListAndItsPageAndAnAdministratorUnlocksIt() throws Exception {
        Account locked = accounts.create(Role.ADVISOR);
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(formLogin().user(locked.username()).password("wrong-" + attempt));
        }
        mvc.perform(formLogin().user(locked.username()).password(locked.password()))
                .andExpect(redirectedUrl("/login?locked"));

        String list = mvc.perform(post("/admin/users/search").param("q", locked.username()).with(csrf())
                        .session(adminSession))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(list).session(adminSession))
                .andExpect(content().string(Matchers.containsString("data-testid=\"user-locked\"")));
        mvc.perform(get("/admin/users/{id}", locked.user().getId()).session(adminSession))
                .andExpect(content().string(Matchers.containsString("Bloquée après trop de tentatives")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"unlock-user\"")));

        mvc.perform(post("/admin/users/{id}/unlock", locked.user().getId()).with(csrf()).session(adminSession))
                .andExpect(redirectedUrl("/admin/users/" + locked.user().getId()))
                .andExpect(flash().attribute("flash", "admin.user.flash.unlocked"));

        mvc.perform(get("/admin/users/{id}", locked.user().getId()).session(adminSession))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"user-locked\""))));
        assertThat(audit(locked.user().getId())).containsExactly(
                "UNLOCKED by " + admin.user().getId() + ": locked true → false");
        mvc.perform(formLogin().user(locked.username()).password(locked.password()))
                .andExpect(redirectedUrl(Role.ADVISOR.homePath()));
    }

    @Test
    void onlyAdministratorsUnlockAndAnAccountThatIsNotLockedLeavesNoAuditEntry() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);
        MockHttpSession advisorSession = signIn(advisor.username(), advisor.password());

        mvc.perform(post("/admin/users/{id}/unlock", admin.user().getId()).with(csrf()).session(advisorSession))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/{id}/unlock", advisor.user().getId()).with(csrf()).session(adminSession))
                .andExpect(redirectedUrl("/admin/users/" + advisor.user().getId()));
        mvc.perform(post("/admin/users/{id}/unlock", Long.MAX_VALUE).with(csrf()).session(adminSession))
                .andExpect(status().isNotFound());
        assertThat(audit(advisor.user().getId())).isEmpty();
    }

    private long version(Account account) {
        return users.findById(account.user().getId()).orElseThrow().getVersion();
    }

    /** "ACTION by actor: field before → after; …" for each audit entry of the account, oldest first. */
    private List<String> audit(long userId) {
        return jdbc.sql("""
                select a.action || ' by ' || a.actor_id || ': ' || coalesce((
                    select string_agg((c ->> 'field') || ' ' || coalesce(c ->> 'before', '∅') || ' → '
                                      || coalesce(c ->> 'after', '∅'), '; ' order by n)
                    from jsonb_array_elements(a.changes) with ordinality as t(c, n)), '')
                from audit_entry a where a.entity_type = 'USER' and a.entity_id = ? order by a.id""")
                .param(userId).query(String.class).list();
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(username).password(password))
                .andExpect(redirectedUrlPattern("/**"))
                .andReturn().getRequest().getSession();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
