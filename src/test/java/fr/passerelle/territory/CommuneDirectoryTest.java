package fr.passerelle.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.territory.CommuneResolution.Ambiguous;
import fr.passerelle.territory.CommuneResolution.Found;
import fr.passerelle.territory.CommuneResolution.NotFound;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Commune search and resolution on the full reference data, and the suggestions endpoint that serves them. */
@IntegrationTest
class CommuneDirectoryTest {

    private static final String EVRY_COURCOURONNES = "91228";
    private static final String AJACCIO = "2A004";

    @Autowired
    CommuneDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void searchFindsEvryCourcouronnesFirstForEvry() {
        List<Commune> found = directory.search("evry", 10);

        assertThat(found).isNotEmpty();
        assertThat(found.get(0).inseeCode()).isEqualTo(EVRY_COURCOURONNES);
        assertThat(found.get(0).label()).isEqualTo("Évry-Courcouronnes (91000)");
        assertThat(found.get(0).departementCode()).isEqualTo("91");
        assertThat(found.get(0).epciCode()).isNotNull();
        assertThat(found.get(0).postalCodes()).containsExactly("91000", "91080");
        assertThat(codes(found)).as("Évry (Yonne) and Évry-Grégy-sur-Yerre too").hasSize(3);
    }

    @Test
    void searchIgnoresAccentsCaseAndPunctuation() {
        assertThat(directory.search("etampes", 10).get(0).label()).isEqualTo("Étampes (91150)");
        assertThat(directory.search("  ÉVRY courc ", 10)).extracting(Commune::inseeCode)
                .containsExactly(EVRY_COURCOURONNES);
        assertThat(directory.search("l'hay-les", 10)).extracting(Commune::name).containsExactly("L'Haÿ-les-Roses");
    }

    @Test
    void searchFindsNamesAfterALeadingArticle() {
        assertThat(directory.search("havre", 10).get(0).name()).isEqualTo("Le Havre");
        assertThat(directory.search("hay les", 10)).extracting(Commune::name).containsExactly("L'Haÿ-les-Roses");
    }

    @Test
    void searchReturnsAtMostTheLimitMostPopulousFirst() {
        List<Commune> found = directory.search("saint", 5);

        assertThat(found).hasSize(5);
        assertThat(populations(found)).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(directory.search("saint", 1_000)).hasSize(CommuneDirectory.MAX_LIMIT);
        assertThat(directory.search("saint", 0)).isEmpty();
    }

    @Test
    void searchKeepsCommunesWhoseWholeNameWasTypedWithinTheLimit() {
        // More than ten communes start with "Saint-Denis", most of them more populous than the one of the Gard.
        List<Commune> found = directory.search("Saint-Denis", 10);

        assertThat(found).hasSize(10);
        assertThat(codes(found)).contains("97411", "93066", "11339", "30247");
        assertThat(populations(found)).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void searchByPostalCodePrefix() {
        List<Commune> found = directory.search("911", 10);

        assertThat(found).hasSize(10);
        assertThat(found.get(0).label()).isEqualTo("Corbeil-Essonnes (91100)");
        assertThat(found).allSatisfy(commune ->
                assertThat(commune.postalCodes()).anySatisfy(code -> assertThat(code).startsWith("911")));
    }

    @Test
    void searchByPostalCodePrefixInCorsicaAndOverseas() {
        assertThat(directory.search("20", 10).get(0).inseeCode()).isEqualTo(AJACCIO);
        assertThat(directory.search("20 0", 10)).extracting(Commune::inseeCode).contains(AJACCIO);
        assertThat(directory.search("974", 10).get(0).label()).isEqualTo("Saint-Denis (97400)");
        assertThat(directory.search("97", 10).get(0).label()).isEqualTo("Saint-Denis (97400)");
    }

    @Test
    void searchFindsAPostalCodeOfANeighbouringDepartementOnceComplete() {
        // Paray-Vieille-Poste, in Essonne, also has the Val-de-Marne postal code 94390.
        assertThat(directory.search("94390", 10)).extracting(Commune::name).containsExactly("Paray-Vieille-Poste");
        assertThat(directory.search("9439", 10)).as("prefixes look within the département they designate").isEmpty();
    }

    @Test
    void searchByFullPostalOrInseeCode() {
        assertThat(codes(directory.search("91000", 10))).containsExactly(EVRY_COURCOURONNES);
        assertThat(codes(directory.search("91228", 10))).containsExactly(EVRY_COURCOURONNES);
        assertThat(codes(directory.search("2a004", 10))).containsExactly(AJACCIO);
        assertThat(codes(directory.search("20000", 10))).containsExactly(AJACCIO);
    }

    @Test
    void searchFindsThePickedSuggestionFromItsLabel() {
        assertThat(codes(directory.search("Évry-Courcouronnes (91000)", 10))).containsExactly(EVRY_COURCOURONNES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "e", " 9 ", "zzz", "--", "123456", "Évry (12345)"})
    void searchFindsNothingForShortOrUnknownQueries(String query) {
        assertThat(directory.search(query, 10)).isEmpty();
    }

    @Test
    void searchWithoutQueryFindsNothing() {
        assertThat(directory.search(null, 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91228", "Évry-Courcouronnes (91000)", "Évry-Courcouronnes (91080)", "91000",
            " evry courcouronnes ", "ÉVRY-COURCOURONNES"})
    void resolvesEvryCourcouronnesFromWhatAPersonTypes(String typed) {
        assertThat(directory.resolve(typed)).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.commune().inseeCode()).isEqualTo(EVRY_COURCOURONNES));
    }

    @Test
    void resolvesCorsicanInseeCodes() {
        assertThat(directory.resolve("2A004")).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.commune().name()).isEqualTo("Ajaccio"));
        assertThat(directory.resolve("2a004")).isInstanceOf(Found.class);
    }

    @Test
    void resolvesAccentInsensitiveUniqueNames() {
        assertThat(directory.resolve("etampes")).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.commune().inseeCode()).isEqualTo("91223"));
    }

    @Test
    void resolvesLabelsOfNamesWithParentheses() {
        assertThat(directory.resolve("Château-Chinon (Ville) (58120)")).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.commune().inseeCode()).isEqualTo("58062"));
    }

    @Test
    void resolvesTheLabelOfACommuneWithoutPostalCode() {
        Commune taaf = directory.findByInseeCode("98411").orElseThrow();

        assertThat(taaf.postalCodes()).isEmpty();
        assertThat(taaf.label()).isEqualTo("Îles Saint-Paul et Nouvelle-Amsterdam");
        assertThat(directory.resolve(taaf.label())).isEqualTo(new Found(taaf));
    }

    @Test
    void sharedNamesAreAmbiguous() {
        assertThat(directory.resolve("Saint-Denis")).isInstanceOfSatisfying(Ambiguous.class, ambiguous ->
                assertThat(codes(ambiguous.candidates())).containsExactly("97411", "93066", "11339", "30247"));
    }

    @Test
    void fiveDigitsThatAreOneCommunesInseeCodeAndOthersPostalCodeAreAmbiguous() {
        // 91100 is the INSEE code of Bouville and the postal code of Corbeil-Essonnes and Saintry-sur-Seine.
        assertThat(directory.resolve("91100")).isInstanceOfSatisfying(Ambiguous.class, ambiguous ->
                assertThat(codes(ambiguous.candidates())).containsExactlyInAnyOrder("91100", "91174", "91659"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zzz", "", "  ", "99999", "2C004", "Évry-Courcouronnes (91100)", "Évry-Courcouronnes (91000"})
    void unknownTextsAreNotFound(String typed) {
        assertThat(directory.resolve(typed)).isInstanceOf(NotFound.class);
    }

    @Test
    void nothingTypedIsNotFound() {
        assertThat(directory.resolve(null)).isInstanceOf(NotFound.class);
    }

    @Test
    void findsByInseeCode() {
        assertThat(directory.findByInseeCode(AJACCIO)).get().extracting(Commune::label).isEqualTo("Ajaccio (20000)");
        assertThat(directory.findByInseeCode("99999")).isEmpty();
    }

    @Test
    void findsManyCommunesAtOnceLeavingOutUnknownCodes() {
        Map<String, Commune> found = directory.findAllByInseeCodes(
                List.of(EVRY_COURCOURONNES, AJACCIO, "99999", EVRY_COURCOURONNES));

        assertThat(found).containsOnlyKeys(EVRY_COURCOURONNES, AJACCIO);
        assertThat(found.get(AJACCIO).name()).isEqualTo("Ajaccio");
        assertThat(directory.findAllByInseeCodes(List.of())).isEmpty();
    }

    @Test
    void javaNormalisationAgreesWithTheDatabaseForEveryCommuneAndOddInput() {
        List<String> disagreements = jdbc.sql("select name, search_name from commune")
                .query((row, number) -> CommuneDirectory.searchName(row.getString(1)).equals(row.getString(2))
                        ? null : row.getString(1))
                .list().stream().filter(name -> name != null).toList();
        assertThat(disagreements).isEmpty();

        for (String odd : List.of("  L'Haÿ--les_Roses (94240) ", "ŒUVRE Æther Øre", "Ÿ", "ß€", "")) {
            assertThat(CommuneDirectory.searchName(odd)).as(odd).isEqualTo(
                    jdbc.sql("select territory_search_name(?)").param(odd).query(String.class).single());
        }
    }

    @Test
    void searchQueriesUseTheIndexes() {
        jdbc.sql("analyze commune").update();

        assertThat(plan(CommuneDirectory.SEARCH_BY_NAME, Map.of("name", "evry", "limit", 10)))
                .contains("commune_search_name_idx").doesNotContain("Seq Scan");
        assertThat(plan(CommuneDirectory.SEARCH_BY_POSTAL_PREFIX, Map.of("departements",
                CommuneDirectory.departementsOfPostalPrefix("911"), "prefix", "911", "limit", 10)))
                .contains("commune_departement_idx").doesNotContain("Seq Scan");
        assertThat(plan(CommuneDirectory.FIND_BY_LABEL, Map.of("name", "evry courcouronnes", "postalCode", "91000",
                "limit", 10))).doesNotContain("Seq Scan");
        assertThat(plan(CommuneDirectory.FIND_BY_CODE, Map.of("code", "91100", "limit", 10)))
                .contains("commune_postal_codes_idx", "commune_pkey").doesNotContain("Seq Scan");
        assertThat(plan(CommuneDirectory.FIND_BY_NAME, Map.of("name", "saint denis")))
                .contains("commune_search_name_idx").doesNotContain("Seq Scan");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        mvc.perform(post("/communes/suggestions").with(csrf()).param("q", "evry").param("list", "commune-options"))
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void whatIsTypedNeverTravelsInAUrl() throws Exception {
        mvc.perform(get("/communes/suggestions").param("q", "evry").param("list", "commune-options")
                        .with(user("x")))
                .andExpect(status().isMethodNotAllowed());
        mvc.perform(post("/communes/suggestions").param("q", "evry").param("list", "commune-options")
                        .with(user("x")))
                .andExpect(status().isForbidden());
    }

    @Test
    void suggestionsAreADatalistOfLabels() throws Exception {
        mvc.perform(post("/communes/suggestions").with(csrf()).param("q", "evry").param("list", "commune-options")
                        .with(user("x")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.startsWith("<datalist id=\"commune-options\">")))
                .andExpect(content().string(Matchers.containsString(
                        "<option value=\"Évry-Courcouronnes (91000)\"></option>")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
    }

    @Test
    void suggestionsForAShortQueryAreAnEmptyDatalist() throws Exception {
        mvc.perform(post("/communes/suggestions").with(csrf()).param("list", "birth-commune").with(user("x")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<datalist id=\"birth-commune\">")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<option"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Commune", "1list", "x\"><script>", "a-very-long-datalist-identifier-of-more-than-41"})
    void suggestionsRefuseAnInvalidDatalistId(String listId) throws Exception {
        mvc.perform(post("/communes/suggestions").with(csrf()).param("q", "evry").param("list", listId).with(user("x")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void suggestionsNeedADatalistId() throws Exception {
        mvc.perform(post("/communes/suggestions").with(csrf()).param("q", "evry").with(user("x")))
                .andExpect(status().isBadRequest());
    }

    private String plan(String sql, Map<String, ?> parameters) {
        String plan = String.join("\n", jdbc.sql("explain " + sql).params(parameters).query(String.class).list());
        System.out.println("Plan of\n" + sql + plan + "\n");
        return plan;
    }

    private List<Integer> populations(List<Commune> communes) {
        Map<String, Integer> byCode = jdbc.sql("select insee_code, population from commune where insee_code = any(?)")
                .param(codes(communes).toArray(String[]::new))
                .query(rs -> {
                    Map<String, Integer> map = new java.util.HashMap<>();
                    while (rs.next()) {
                        map.put(rs.getString(1), rs.getInt(2));
                    }
                    return map;
                });
        return communes.stream().map(commune -> byCode.get(commune.inseeCode())).toList();
    }

    private static List<String> codes(List<Commune> communes) {
        return communes.stream().map(Commune::inseeCode).toList();
    }
}
