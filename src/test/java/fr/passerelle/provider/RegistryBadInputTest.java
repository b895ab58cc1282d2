package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.csv.ChildminderCsv;
import fr.passerelle.provider.csv.ChildminderImport;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Implausible dates and unusable e-mail addresses on the registry's real forms and in the CSV import: each is
 * refused with a French message next to its field (or its line), and nothing is saved.
 */
@IntegrationTest
@Import(Childminders.class)
class RegistryBadInputTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    Childminders childminders;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    ChildminderImport imports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    CurrentUser admin;
    LocalDate today;

    @BeforeEach
    void setUp() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
        today = LocalDate.now(clock);
    }

    /** Label end dates, in days from today, beyond five years or past the agreement's end (today + 3 years). */
    @ParameterizedTest
    @ValueSource(strings = {"century", "fiveYears", "afterAgreement"})
    void aLabelRunningTooLongOrPastTheAgreementIsNotGranted(String end) throws Exception {
        LocalDate agreementEnd = today.plusYears(3);
        long id = childminders.create(admin, "91228", agreementEnd).getId();
        LocalDate validTo = switch (end) {
            case "century" -> LocalDate.of(2099, 12, 31);
            case "fiveYears" -> today.plusYears(5);
            default -> agreementEnd.plusDays(1);
        };

        mvc.perform(post("/admin/childminders/" + id + "/label/grant").with(user(admin)).with(csrf())
                        .param("currentLabelId", "0").param("validFrom", today.toString())
                        .param("validTo", validTo.toString()))
                .andExpect(flash().attribute("grantToError", end.equals("afterAgreement")
                        ? "dates.label.afterAgreement" : "dates.label.tooLong"));

        assertThat(registry.currentLabel(id)).isEmpty();
    }

    @Test
    void theRefusalIsShownInFrenchNextToTheEndDateField() throws Exception {
        long id = childminders.create(admin, "91228", today.plusYears(3)).getId();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/admin/childminders/" + id + "/label/grant").session(session).with(user(admin))
                .with(csrf()).param("currentLabelId", "0").param("validFrom", today.toString())
                .param("validTo", "2099-12-31"));

        mvc.perform(get("/admin/childminders/" + id).session(session).with(user(admin)))
                .andExpect(content().string(containsString("id=\"grant-to-error\"")))
                .andExpect(content().string(containsString(
                        "Ce label serait trop long : sa date de fin ne peut pas dépasser le ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"century", "afterAgreement"})
    void aRenewalRunningTooLongOrPastTheAgreementIsRefused(String end) throws Exception {
        LocalDate agreementEnd = today.plusYears(4);
        long id = childminders.labelled(admin, "91228", agreementEnd, today, today.plusYears(1)).getId();
        LocalDate validTo = end.equals("century") ? LocalDate.of(2099, 12, 31) : agreementEnd.plusDays(1);

        mvc.perform(post("/admin/childminders/" + id + "/label/renew").with(user(admin)).with(csrf())
                        .param("version", String.valueOf(childminders.labelVersion(id)))
                        .param("validTo", validTo.toString()))
                .andExpect(flash().attribute("renewError", end.equals("century")
                        ? "dates.label.tooLong" : "dates.label.afterAgreement"));

        assertThat(registry.currentLabel(id).orElseThrow().getValidTo()).isEqualTo(today.plusYears(1));
    }

    @Test
    void theDatabaseRefusesALabelOfMoreThanFiveYearsWhateverThePath() {
        long id = childminders.create(admin, "91228", today.plusYears(3)).getId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                        insert into avip_label (childminder_id, valid_from, valid_to) values (?, ?, ?)""")
                        .param(id).param(today).param(LocalDate.of(2099, 12, 31)).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    /** Agreement end dates that no agreement reaches (one lasts five years), or an e-mail address without a domain. */
    @ParameterizedTest
    @ValueSource(strings = {"agreementEndDate=2099-12-31", "agreementEndDate=+6", "email=sophie@localhost",
            "email=sophie", "email=<b>sophie</b>@example.org", "email=sophie@example..org"})
    void theChildminderFormRefusesImplausibleInputAndSavesNothing(String input) throws Exception {
        String field = input.substring(0, input.indexOf('='));
        String value = input.substring(input.indexOf('=') + 1);
        if (value.startsWith("+")) {
            value = today.plusYears(Integer.parseInt(value.substring(1))).toString();
        }
        String number = Childminders.uniqueNumber();
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>(java.util.Map.of("lastName", "Bernard",
                "firstName", "Nadia", "agreementNumber", number, "agreementEndDate", today.plusYears(1).toString(),
                "childrenAllowed", "3", "avipPlaces", "1", "communeQuery", "91228", "minAgeMonths", "0",
                "maxAgeMonths", "72"));
        fields.put(field, value);
        var request = post("/admin/childminders/new").with(user(admin)).with(csrf());
        fields.forEach(request::param);

        mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("childminderForm", field))
                .andExpect(content().string(containsString(field.equals("email")
                        ? "aria-invalid=\"true\"" : "Un agrément dure au plus 5 ans")));
        assertThat(jdbc.sql("select count(*) from childminder where agreement_number = ?").param(number)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAddressIsStoredTrimmedAndLowerCased() throws Exception {
        String number = Childminders.uniqueNumber();
        mvc.perform(post("/admin/childminders/new").with(user(admin)).with(csrf())
                .param("lastName", "Bernard").param("firstName", "Nadia").param("agreementNumber", number)
                .param("agreementEndDate", today.plusYears(1).toString()).param("childrenAllowed", "3")
                .param("avipPlaces", "1").param("communeQuery", "91228")
                .param("minAgeMonths", "0").param("maxAgeMonths", "72").param("email", "  Nadia.BERNARD@Example.ORG "))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select email from childminder where agreement_number = ?").param(number)
                .query(String.class).single()).isEqualTo("nadia.bernard@example.org");
    }

    /** The same rules in the CSV import: one bad row, and nothing of the file is imported. */
    @ParameterizedTest
    @ValueSource(strings = {"31/12/2099;sophie@example.org", "+6;sophie@example.org", "+1;sophie@localhost",
            "+1;sophie", "+1;<script>x</script>@example.org", "+1;sophie@example.org,lea@example.org"})
    void theCsvImportRefusesTheSameInputWithItsLine(String endAndEmail) throws Exception {
        String prefix = "BAD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
        String[] parts = endAndEmail.split(";");
        Function<String, String> end = text -> text.startsWith("+")
                ? french(today.plusYears(Integer.parseInt(text.substring(1)))) : text;
        String file = ChildminderCsv.headerLine()
                + prefix + "1;Martin;Sophie;91228;" + french(today.plusYears(1)) + ";4;2;;;;;\n"
                + prefix + "2;Martin;Léa;91228;" + end.apply(parts[0]) + ";4;2;;;;" + parts[1] + ";\n";

        ChildminderImport.Preview preview = imports.check(file.getBytes(StandardCharsets.UTF_8));

        assertThat(preview.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.code()).isEqualTo(parts[1].equals("sophie@example.org")
                    ? "csv.error.agreementTooLate" : "csv.error.email");
        });
        mvc.perform(multipart("/admin/childminders/import").file(new MockMultipartFile("file", "registre.csv",
                        "text/csv", file.getBytes(StandardCharsets.UTF_8))).with(user(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(parts[1].equals("sophie@example.org")
                        ? "un agrément dure au plus 5 ans" : "adresse e-mail invalide")));
        assertThat(jdbc.sql("select count(*) from childminder where agreement_number like ?").param(prefix + "%")
                .query(Long.class).single()).isZero();
    }

    private static String french(LocalDate date) {
        return String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }
}
