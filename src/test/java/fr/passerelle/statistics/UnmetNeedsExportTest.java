package fr.passerelle.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.privacy.Anonymiser;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unmet needs export against figures computed by hand, from referrals of Haute-Marne (52) in January and February
 * 2021, when no other test writes there:
 * <ul>
 * <li>Chaumont, regular care, January: 4 families, one child under 3 each, closed with no solution;</li>
 * <li>Chaumont, occasional care, January: 6 referrals of 5 families closed with no solution (the 6th family is the
 * 2nd again), one child of 3 to 5 each (the first exactly 3 on the first day of care, 2 years 11 months when sent),
 * and the first family's second child of 7;</li>
 * <li>Langres, emergency home care: 5 families, one child under 3 each, whose home-care service declined the offer in
 * February, the first one at 00:30 on 1 February (23:30 on 31 January in UTC);</li>
 * <li>Paris (another Caf): one referral closed with no solution in January.</li>
 * </ul>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnmetNeedsExportTest {

    static final String HAUTE_MARNE = "52";
    static final String CHAUMONT = "52121";
    static final String LANGRES = "52269";
    static final String PARIS = "75056";
    static final String QUERY = "/statistics/unmet-needs.csv?from=2021-01&to=2021-02";

    static final String HEADER = "mois;commune_insee;commune;epci_siren;epci;besoin;tranche_age;"
            + "enfants_demandes_sans_solution;enfants_propositions_declinees";
    static final String CHAUMONT_OCCASIONAL_3_TO_5 =
            "2021-01;52121;Chaumont;200068658;CA de Chaumont;Accueil occasionnel;3 à 5 ans;6;< 5";
    static final String CHAUMONT_OCCASIONAL_6_TO_9 =
            "2021-01;52121;Chaumont;200068658;CA de Chaumont;Accueil occasionnel;6 à 9 ans;< 5;< 5";
    static final String CHAUMONT_REGULAR_UNDER_3 =
            "2021-01;52121;Chaumont;200068658;CA de Chaumont;Accueil régulier;moins de 3 ans;< 5;< 5";
    static final String LANGRES_EMERGENCY_UNDER_3 = "2021-02;52269;Langres;200072999;CC du Grand Langres;"
            + "Garde ponctuelle d’urgence à domicile;moins de 3 ans;< 5;5";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    StatisticsRefresh refresh;

    @Autowired
    Anonymiser anonymiser;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SqlStatementCounter statements;

    Account admin;
    Account officer;
    Account advisor;
    Account parisAdmin;
    final List<Long> langresReferrals = new ArrayList<>();

    @BeforeAll
    void fixtures() {
        Organisation caf = accounts.organisation(OrganisationKind.CAF, HAUTE_MARNE, CHAUMONT);
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, HAUTE_MARNE, CHAUMONT);
        Organisation homeCare = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE, HAUTE_MARNE, LANGRES);
        Organisation parisCaf = accounts.organisation(OrganisationKind.CAF, "75", PARIS);
        Organisation parisAgency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "75", PARIS);
        admin = accounts.create(Role.ADMIN, caf);
        officer = accounts.create(Role.CAF_OFFICER, caf);
        advisor = accounts.create(Role.ADVISOR, agency);
        parisAdmin = accounts.create(Role.ADMIN, parisCaf);
        long a = advisor.user().getId();
        long o = officer.user().getId();
        long provider = accounts.create(Role.PROVIDER, homeCare).user().getId();
        StatisticsFixtures f = new StatisticsFixtures(jdbc, clock.getZone());

        for (int i = 0; i < 4; i++) {
            long id = unmet(f, agency.getId(), a, o, CHAUMONT, "REGULAR", at(2021, 1, 5 + i, 9, 0));
            // Under 3 on the first day by one day.
            birth(id, 1, firstDay(id).minusYears(3).plusDays(1));
        }
        List<Long> occasional = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            long id = unmet(f, agency.getId(), a, o, CHAUMONT, "OCCASIONAL", at(2021, 1, 12 + j, 9, 0));
            occasional.add(id);
            birth(id, 1, firstDay(id).minusYears(j == 0 ? 3 : 4));
        }
        long first = occasional.get(0);
        jdbc.sql("insert into referral_child (referral_id, position, first_name, birth_date) values (?, 2, 'Aîné', ?)")
                .param(first).param(Date.valueOf(firstDay(first).minusYears(7))).update();
        jdbc.sql("update referral set france_travail_id = (select france_travail_id from referral where id = ?) "
                + "where id = ?").param(occasional.get(1)).param(occasional.get(5)).update();

        for (int k = 0; k < 5; k++) {
            Instant filed = k == 0 ? at(2021, 1, 29, 9, 0) : at(2021, 2, 1 + k, 9, 0);
            long id = f.draft(agency.getId(), a, LANGRES, HAUTE_MARNE, "EMERGENCY_HOME_CARE", "JOB_INTERVIEW", filed);
            f.sent(id, a, filed.plus(Duration.ofHours(1)));
            f.eligible(id, o, filed.plus(Duration.ofHours(2)));
            Instant sent = k == 0 ? at(2021, 1, 31, 23, 0) : filed.plus(Duration.ofHours(3));
            f.offer(id, "HOME_CARE", homeCare.getId(), provider, o, sent, "DECLINED", Duration.ofMinutes(90),
                    "NO_CAPACITY");
            langresReferrals.add(id);
        }

        long parisAdvisor = accounts.create(Role.ADVISOR, parisAgency).user().getId();
        unmet(f, parisAgency.getId(), parisAdvisor, parisAdmin.user().getId(), PARIS, "REGULAR",
                at(2021, 1, 6, 9, 0));
        refresh.refreshAll();
    }

    /** A referral filed then, sent, found eligible and closed with no solution two days later. */
    long unmet(StatisticsFixtures f, long organisation, long advisorId, long officerId, String commune, String need,
            Instant filed) {
        String departement = commune.substring(0, 2);
        long id = f.draft(organisation, advisorId, commune, departement, need, "JOB", filed);
        f.sent(id, advisorId, filed.plus(Duration.ofHours(1)));
        f.eligible(id, officerId, filed.plus(Duration.ofHours(2)));
        f.noSolution(id, officerId, filed.plus(Duration.ofDays(2)), "NO_CAPACITY");
        return id;
    }

    Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(clock.getZone()).toInstant();
    }

    LocalDate firstDay(long referral) {
        return jdbc.sql("select first_day from referral where id = ?").param(referral).query(LocalDate.class).single();
    }

    void birth(long referral, int position, LocalDate born) {
        jdbc.sql("update referral_child set birth_date = ? where referral_id = ? and position = ?")
                .param(Date.valueOf(born)).param(referral).param(position).update();
    }

    @Test
    void countsTheChildrenPerMonthCommuneNeedAndAgeBandAndMasksFiguresFromFewerThanFiveFamilies() throws Exception {
        // 4 families: "< 5"; 6 children of 5 families: 6; 5 families: 5; nothing at all: "< 5" as well.
        assertThat(lines(csv(QUERY, admin))).containsExactly(HEADER, CHAUMONT_OCCASIONAL_3_TO_5,
                CHAUMONT_OCCASIONAL_6_TO_9, CHAUMONT_REGULAR_UNDER_3, LANGRES_EMERGENCY_UNDER_3);
    }

    @Test
    void aDeclinedOfferCountsInTheMonthOfItsAnswerInTheTerritorysTimeZone() throws Exception {
        assertThat(lines(csv("/statistics/unmet-needs.csv?from=2021-01&to=2021-01", admin)))
                .containsExactly(HEADER, CHAUMONT_OCCASIONAL_3_TO_5, CHAUMONT_OCCASIONAL_6_TO_9,
                        CHAUMONT_REGULAR_UNDER_3);
        assertThat(lines(csv("/statistics/unmet-needs.csv?from=02/2021&to=2021-02", admin)))
                .containsExactly(HEADER, LANGRES_EMERGENCY_UNDER_3);
    }

    @Test
    void theFileIsUtf8WithAByteOrderMarkSemicolonsAndAnAttachmentName() throws Exception {
        MvcResult result = csv(QUERY, admin);
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition"))
                .contains("attachment", "besoins-non-satisfaits-52-2021-01-2021-02.csv");
        byte[] bytes = result.getResponse().getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n").doesNotContain("Secret", "Enfant", "Aîné");
        assertThat(text.substring(1).lines()).allSatisfy(line -> assertThat(line.split(";", -1)).hasSize(9));
    }

    @Test
    void anotherCafsReferralsAreLeftOutAndOnlyACafsAdministratorsMayExport() throws Exception {
        assertThat(lines(csv(QUERY, admin))).noneMatch(line -> line.contains(PARIS));
        assertThat(lines(csv(QUERY, parisAdmin))).containsExactly(HEADER,
                "2021-01;75056;Paris;200054781;Métropole du Grand Paris;Accueil régulier;moins de 3 ans;< 5;< 5");
        for (Account refused : List.of(officer, advisor, accounts.create(Role.PROVIDER))) {
            mvc.perform(get(QUERY).with(user(accounts.signedIn(refused)))).andExpect(status().isForbidden());
            mvc.perform(get("/statistics/unmet-needs").with(user(accounts.signedIn(refused))))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void anEpciOrACommuneNarrowsTheExport() throws Exception {
        assertThat(lines(csv(QUERY + "&commune=" + LANGRES, admin))).containsExactly(HEADER,
                LANGRES_EMERGENCY_UNDER_3);
        assertThat(lines(csv(QUERY + "&epci=200068658", admin))).containsExactly(HEADER, CHAUMONT_OCCASIONAL_3_TO_5,
                CHAUMONT_OCCASIONAL_6_TO_9, CHAUMONT_REGULAR_UNDER_3);
        // What the suggestions put in the field: the commune's label.
        assertThat(lines(csv(QUERY + "&commune=Chaumont (52000)", admin))).hasSize(4);
    }

    @Test
    void moreThanTwentyFourMonthsIsRefusedNextToTheFieldWithoutAFile() throws Exception {
        String page = refused("/statistics/unmet-needs.csv?from=2019-01&to=2021-01");
        assertThat(page).contains("id=\"unmet-to-error\"",
                "Un export couvre 24 mois au plus et celui-ci en compte 25",
                "aria-describedby=\"unmet-month-hint unmet-to-error\"", "Aucun fichier n’a été créé");
        assertThat(lines(csv("/statistics/unmet-needs.csv?from=2019-02&to=2021-01", admin)))
                .contains(CHAUMONT_REGULAR_UNDER_3);
    }

    @Test
    void badMonthsAndPlacesAreSaidNextToTheirFields() throws Exception {
        assertThat(refused("/statistics/unmet-needs.csv?from=2021-13&to=2021-02"))
                .contains("id=\"unmet-from-error\"", "Indiquez un mois au format AAAA-MM, par exemple 2026-01.");
        assertThat(refused("/statistics/unmet-needs.csv?to=2021-02")).contains("Indiquez le premier mois.");
        assertThat(refused("/statistics/unmet-needs.csv?from=2021-03&to=2021-02"))
                .contains("Le dernier mois doit être le même que le premier ou après.");
        assertThat(refused("/statistics/unmet-needs.csv?from=2018-12&to=2019-02"))
                .contains("Le premier mois ne peut pas être avant janvier 2019.");
        assertThat(refused("/statistics/unmet-needs.csv?from=2021-01&to=2099-01"))
                .contains("Le dernier mois ne peut pas être après le mois en cours.");
        assertThat(refused(QUERY + "&commune=Chaumont")).contains("id=\"unmet-commune-error\"",
                "Plusieurs communes correspondent");
        assertThat(refused(QUERY + "&commune=" + PARIS)).contains("Cette commune n’est pas dans le département");
        assertThat(refused(QUERY + "&epci=200054781"))
                .contains("id=\"unmet-epci-error\"", "Cette intercommunalité n’a aucune commune dans le département");
        assertThat(refused(QUERY + "&epci=Nulle part du tout")).contains("Aucune intercommunalité ne correspond");
        assertThat(refused(QUERY + "&epci=200068658&commune=" + CHAUMONT))
                .contains("Choisissez une intercommunalité ou une commune, pas les deux.");
    }

    @Test
    void anonymisedReferralsAreCountedTheSameWay() throws Exception {
        new TransactionTemplate(transactions).executeWithoutResult(status -> anonymiser.anonymise(langresReferrals,
                Instant.now(clock)));
        refresh.refreshAll();
        assertThat(jdbc.sql("select count(*) from referral_child where referral_id in (:ids) and birth_date is null")
                .param("ids", langresReferrals).query(Long.class).single()).isEqualTo(5);
        assertThat(lines(csv(QUERY + "&commune=" + LANGRES, admin))).containsExactly(HEADER,
                LANGRES_EMERGENCY_UNDER_3);
    }

    @Test
    void theExportRunsOneStatementWhateverTheData() throws Exception {
        var signedIn = user(accounts.signedIn(admin));
        long twoMonths = statements.count(() -> mvc.perform(get(QUERY).with(signedIn))
                .andExpect(request().asyncStarted()));
        long twoYears = statements.count(() -> mvc.perform(get("/statistics/unmet-needs.csv?from=2019-03&to=2021-02")
                .with(signedIn)).andExpect(request().asyncStarted()));
        // The check of the account's session stamp, which every request makes, and the export's one statement.
        assertThat(twoMonths).isEqualTo(2);
        assertThat(twoYears).isEqualTo(twoMonths);
    }

    @Test
    void theStatisticsPageShowsTheFormToAdministratorsOnly() throws Exception {
        String page = mvc.perform(get("/statistics").with(user(accounts.signedIn(admin)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("data-testid=\"unmet-needs-form\"", "for=\"unmet-from\"", "id=\"unmet-from\"",
                "name=\"from\"", "type=\"month\"", "unmet-commune-options");
        String officerPage = mvc.perform(get("/statistics").with(user(accounts.signedIn(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(officerPage).doesNotContain("unmet-needs-form");
        mvc.perform(get("/statistics/unmet-needs").with(user(accounts.signedIn(admin)))).andExpect(status().isOk());
    }

    /** The lines of a CSV export, without the byte order mark. */
    static List<String> lines(MvcResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8).substring(1).lines()
                .toList();
    }

    /** A CSV export, streamed after the request: its body once written. */
    MvcResult csv(String url, Account account) throws Exception {
        MvcResult started = mvc.perform(get(url).with(user(accounts.signedIn(account))))
                .andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
    }

    /** The form sent back with its errors: a page, not a file. */
    String refused(String url) throws Exception {
        MvcResult result = mvc.perform(get(url).with(user(accounts.signedIn(admin))))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(result.getResponse().getHeader("Content-Disposition")).isNull();
        assertThat(result.getResponse().getContentType()).startsWith("text/html");
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
