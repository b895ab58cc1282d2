package fr.passerelle.provider.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import fr.passerelle.provider.ChildminderDetails;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.Childminders;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.csv.ChildminderCsv.CsvError;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The CSV import's checks, its all-or-nothing import, the export's round trip, and the pages. */
@IntegrationTest
@Import(Childminders.class)
class ChildminderImportTest {

    @Autowired
    ChildminderImport imports;

    @Autowired
    Childminders childminders;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    Clock clock;

    CurrentUser admin;
    LocalDate today;
    String prefix;

    @BeforeEach
    void setUp() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
        today = LocalDate.now(clock);
        prefix = "CSV-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
    }

    @Test
    void everyRowErrorIsListedInFrenchAndNothingIsImported() {
        String registered = childminders.create(admin, "91228", today.plusYears(1)).getAgreementNumber();
        String file = ChildminderCsvTest.HEADER + "\n"
                + line(prefix + "1", "91228", today.plusYears(1), "4", "2") // valid
                + line(prefix + "2", "99999", today.plusYears(1), "4", "2") // unknown commune
                + line(prefix + "3", "91228", today.minusDays(1), "4", "2") // agreement expired
                + line(prefix + "4", "91228", today.plusYears(1), "5", "2") // capacity over 4
                + line(prefix + "1", "91228", today.plusYears(1), "4", "2") // duplicate in the file
                + line(registered, "91228", today.plusYears(1), "4", "2") // duplicate in the registry
                + line(prefix + "7", "91228", today.plusYears(1), "2", "3") // AVIP places over the agreement
                + line(prefix + "8", "91228", today.plusYears(1), "deux", "1") // not a number
                + ";Martin;Sophie;91228;" + french(today.plusYears(2)) + ";4;2;;;;;\n"; // missing agreement number

        ChildminderImport.Preview preview = imports.check(bytes(file));

        assertThat(preview.valid()).isFalse();
        assertThat(preview.errors()).extracting(CsvError::line, CsvError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "csv.error.unknownCommune"),
                org.assertj.core.groups.Tuple.tuple(4, "csv.error.agreementExpired"),
                org.assertj.core.groups.Tuple.tuple(5, "csv.error.capacity"),
                org.assertj.core.groups.Tuple.tuple(6, "csv.error.duplicateInFile"),
                org.assertj.core.groups.Tuple.tuple(7, "csv.error.duplicateInRegistry"),
                org.assertj.core.groups.Tuple.tuple(8, "csv.error.avipPlaces"),
                org.assertj.core.groups.Tuple.tuple(9, "csv.error.number"),
                org.assertj.core.groups.Tuple.tuple(10, "csv.error.required"));
        assertThatThrownBy(() -> imports.importAll(admin, bytes(file)))
                .isInstanceOf(ChildminderImport.InvalidImportException.class);
        assertThat(imported()).isZero();
    }

    @Test
    void aValidFileIsImportedInFullAndEachChildminderAudited() {
        String file = ChildminderCsvTest.HEADER + "\n"
                + line(prefix + "1", "91228", today.plusYears(1), "4", "2")
                + line(prefix.toLowerCase() + "2", "91174", today, "3", "0")
                + prefix + "3;\"Durand; née Petit\";Samia;91340;" + french(today.plusYears(2))
                + ";2;1;6;36;06 12 34 56 78;samia@example.org;\"Le matin; pas le mercredi\"\n";

        int count = imports.importAll(admin, bytes(file));

        assertThat(count).isEqualTo(3);
        assertThat(imported()).isEqualTo(3);
        assertThat(jdbc.sql("select last_name from childminder where agreement_number = ?")
                .param(prefix + "3").query(String.class).single()).isEqualTo("Durand; née Petit");
        assertThat(jdbc.sql("select count(*) from childminder where agreement_number = ?")
                .param(prefix + "2").query(Long.class).single()).as("numbers kept in capitals").isEqualTo(1);
        assertThat(jdbc.sql("""
                select count(*) from audit_entry a join childminder c on c.id = a.entity_id
                where a.entity_type = 'CHILDMINDER' and a.action = 'IMPORTED' and c.agreement_number like ?""")
                .param(prefix + "%").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("""
                select count(*) from organisation o join childminder c on c.organisation_id = o.id
                where o.kind = 'CHILDMINDER' and o.departement_code = '91' and c.agreement_number like ?""")
                .param(prefix + "%").query(Long.class).single()).isEqualTo(3);
    }

    /**
     * Spread over nine Essonne communes no other test uses: a commune holding thousands of this test's childminders
     * would make the planner read the whole table for it (routing.QueryPlanTest) and push other tests' childminders
     * off the first page of its list.
     */
    private static final String[] COMMUNES = {"91570", "91432", "91201", "91312", "91600", "91667", "91657", "91272",
        "91326"};

    @Test
    void tenThousandRowsAreImportedInOneGo() {
        StringBuilder file = new StringBuilder(ChildminderCsvTest.HEADER).append('\n');
        for (int i = 0; i < 10_000; i++) {
            file.append(line(prefix + i, COMMUNES[i % COMMUNES.length], today.plusYears(2), "4", "2"));
        }

        assertThat(imports.importAll(admin, bytes(file.toString()))).isEqualTo(10_000);
        assertThat(imported()).isEqualTo(10_000);
    }

    @Test
    void theExportReadsBackAsTheSameRegistry() {
        List<ChildminderDetails> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChildminderDetails details = new ChildminderDetails("Anne; \"Marie\"", "Zzz" + prefix + i,
                    prefix + "E" + i, today.plusYears(1), 4, i, "91228", i, 100 + i, i == 0 ? null : "0600000000",
                    i == 1 ? "a@example.org" : null,
                    List.of("=HYPERLINK(\"x\")", "'Ti Bout", "Lundi,\nmardi").get(i));
            created.add(registry.register(admin, details).details());
        }
        java.io.StringWriter out = new java.io.StringWriter();
        imports.export(out);

        ChildminderCsv.Parsed parsed = ChildminderCsv.parse(bytes(out.toString()));
        assertThat(parsed.errors()).isEmpty();
        List<ChildminderDetails> exported = parsed.rows().stream()
                .filter(row -> row.get(CsvColumn.AGREEMENT_NUMBER).startsWith(prefix))
                .map(row -> ChildminderImportTest.details(row))
                .toList();
        assertThat(exported).containsExactlyElementsOf(created);
    }

    @Test
    void theImportPageShowsTheErrorsThenImportsAGoodFileOnceOnly() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String bad = ChildminderCsvTest.HEADER + "\n" + line(prefix + "1", "99999", today.plusYears(1), "4", "2");
        mvc.perform(multipart("/admin/childminders/import").file(csv(bad)).session(session).with(user(admin))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Code commune inconnu : « 99999 »")));

        String good = ChildminderCsvTest.HEADER + "\n" + line(prefix + "1", "91228", today.plusYears(1), "4", "2");
        String page = mvc.perform(multipart("/admin/childminders/import").file(csv(good)).session(session)
                        .with(user(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String token = page.replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");

        mvc.perform(post("/admin/childminders/import/confirm").param("token", token).session(session)
                        .with(user(admin)).with(csrf()))
                .andExpect(flash().attribute("flash", "csv.flash.imported"));
        mvc.perform(post("/admin/childminders/import/confirm").param("token", token).session(session)
                        .with(user(admin)).with(csrf()))
                .andExpect(flash().attribute("error", "csv.import.expired"));
        assertThat(imported()).isEqualTo(1);
    }

    @Test
    void aFileOverTheUploadLimitIsSentBackToTheImportPageWithAFrenchMessage() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024 + 1];

        mvc.perform(post("/admin/childminders/import").with(user(admin)).with(csrf())
                        .contentType("multipart/form-data; boundary=limite").content(body))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl("/admin/childminders/import?tooLarge"));
        mvc.perform(get("/admin/childminders/import").param("tooLarge", "").with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "Le fichier dépasse la taille maximale de 10 Mo : découpez-le en plusieurs fichiers")))
                .andExpect(content().string(containsString("aria-describedby=\"file-hint file-error\"")));
    }

    @Test
    void theTemplateAndTheExportAreUtf8CsvWithTheSameHeader() throws Exception {
        byte[] template = mvc.perform(get("/admin/childminders/template.csv").with(user(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        byte[] export = mvc.perform(get("/admin/childminders/export.csv").with(user(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        String header = ChildminderCsv.headerLine();
        assertThat(new String(template, StandardCharsets.UTF_8)).startsWith("\uFEFF" + header);
        assertThat(new String(export, StandardCharsets.UTF_8)).startsWith("\uFEFF" + header);
    }

    private static ChildminderDetails details(ChildminderCsv.CsvRow row) {
        return new ChildminderDetails(row.get(CsvColumn.FIRST_NAME), row.get(CsvColumn.LAST_NAME),
                row.get(CsvColumn.AGREEMENT_NUMBER), LocalDate.parse(row.get(CsvColumn.AGREEMENT_END_DATE)),
                Integer.parseInt(row.get(CsvColumn.CHILDREN_ALLOWED)), Integer.parseInt(row.get(CsvColumn.AVIP_PLACES)),
                row.get(CsvColumn.COMMUNE_CODE), Integer.parseInt(row.get(CsvColumn.MIN_AGE_MONTHS)),
                Integer.parseInt(row.get(CsvColumn.MAX_AGE_MONTHS)), blank(row.get(CsvColumn.PHONE)),
                blank(row.get(CsvColumn.EMAIL)), blank(row.get(CsvColumn.AVAILABILITY_NOTES)));
    }

    @Test
    void anInvalidEmailIsAFrenchRowErrorNextToItsLineAndNothingIsImported() throws Exception {
        String end = french(today.plusYears(1));
        String file = ChildminderCsvTest.HEADER + "\n"
                + line(prefix + "1", "91228", today.plusYears(1), "4", "2")
                + prefix + "2;Martin;Sophie;91228;" + end + ";4;2;;;;sophie martin@example.org;\n"
                + prefix + "3;Martin;Léa;91228;" + end + ";4;2;;;;lea@example;\n"
                + prefix + "4;Martin;Inès;91228;" + end + ";4;2;;;; ines@example.org ;\n";

        ChildminderImport.Preview preview = imports.check(bytes(file));

        assertThat(preview.errors()).extracting(CsvError::line, CsvError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "csv.error.email"),
                org.assertj.core.groups.Tuple.tuple(4, "csv.error.email"));
        assertThatThrownBy(() -> imports.importAll(admin, bytes(file)))
                .isInstanceOf(ChildminderImport.InvalidImportException.class);
        assertThat(imported()).isZero();
        mvc.perform(multipart("/admin/childminders/import").file(csv(file)).with(user(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "email : adresse e-mail invalide « sophie martin@example.org » (attendu : nom@domaine.fr,"
                                + " sans espace).")));

        String good = ChildminderCsvTest.HEADER + "\n"
                + prefix + "4;Martin;Inès;91228;" + end + ";4;2;;;; ines@example.org ;\n";
        assertThat(imports.importAll(admin, bytes(good))).isEqualTo(1);
        assertThat(jdbc.sql("select email from childminder where agreement_number = ?").param(prefix + "4")
                .query(String.class).single()).isEqualTo("ines@example.org");
    }

    @Test
    void aDayThatDoesNotExistIsAnErrorNotTheLastDayOfTheMonth() {
        String file = ChildminderCsvTest.HEADER + "\n"
                + prefix + "1;Martin;Sophie;91228;31/02/" + (today.getYear() + 2) + ";4;2;;;;;\n";

        ChildminderImport.Preview preview = imports.check(bytes(file));

        assertThat(preview.valid()).isFalse();
        assertThat(preview.errors()).extracting(CsvError::line, CsvError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "csv.error.date"));
    }

    private static String french(LocalDate date) {
        return String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    private static String blank(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String line(String number, String commune, LocalDate end, String children, String places) {
        return number + ";Martin;Sophie;" + commune + ";" + end + ";" + children + ";" + places + ";;;;;\n";
    }

    private static MockMultipartFile csv(String text) {
        return new MockMultipartFile("file", "registre.csv", "text/csv", bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long imported() {
        return jdbc.sql("select count(*) from childminder where upper(agreement_number) like ?")
                .param(prefix + "%").query(Long.class).single();
    }
}
