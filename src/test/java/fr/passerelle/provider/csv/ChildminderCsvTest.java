package fr.passerelle.provider.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import fr.passerelle.provider.ChildminderDetails;
import fr.passerelle.provider.csv.ChildminderCsv.CsvError;
import fr.passerelle.provider.csv.ChildminderCsv.Parsed;

import org.junit.jupiter.api.Test;

/** Reading the CSV file itself: encoding, separators, quotes, header. */
class ChildminderCsvTest {

    static final String HEADER = "numero_agrement;nom;prenom;code_commune;fin_agrement;enfants_agrement;places_avip;"
            + "age_min_mois;age_max_mois;telephone;email;disponibilites";

    @Test
    void readsSemicolonSeparatedLinesWithABomAndCrLf() {
        Parsed parsed = parse("\uFEFF" + HEADER + "\r\nAG-1;Martin;Sophie;91228;2030-01-31;4;2;;;;;\r\n");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.get(CsvColumn.LAST_NAME)).isEqualTo("Martin");
            assertThat(row.get(CsvColumn.COMMUNE_CODE)).isEqualTo("91228");
        });
    }

    @Test
    void aCellWithAControlCharacterIsAnErrorOfItsLineNamingItsColumn() {
        Parsed parsed = parse(HEADER + "\nAG-1;Mar\u0000tin;Sophie;91228;2030-01-31;4;2;;;;;"
                + "\nAG-2;Durand;Léa;91228;2030-01-31;4;2;;;;;\n");

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.code()).isEqualTo("csv.error.controlCharacter");
            assertThat(error.arguments()).containsExactly("nom");
        });
        assertThat(parsed.rows()).singleElement().satisfies(row -> assertThat(row.line()).isEqualTo(3));
    }

    @Test
    void readsCommaSeparatedLinesWithColumnsInAnyOrder() {
        Parsed parsed = parse("nom,prenom,numero_agrement,code_commune,fin_agrement,enfants_agrement,places_avip,"
                + "age_min_mois,age_max_mois,telephone,email,disponibilites\nMartin,Sophie,AG-1,91228,2030-01-31,4,2,,,,,\n");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows().get(0).get(CsvColumn.AGREEMENT_NUMBER)).isEqualTo("AG-1");
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() {
        Parsed parsed = parse(HEADER + "\nAG-1;\"Martin; née Durand\";Sophie;91228;2030-01-31;4;2;;;;;"
                + "\"Le \"\"matin\"\"\nseulement, pas le soir\"\nAG-2;Petit;Marie;91228;2030-01-31;4;2;;;;;\n");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        assertThat(parsed.rows().get(0).get(CsvColumn.LAST_NAME)).isEqualTo("Martin; née Durand");
        assertThat(parsed.rows().get(0).get(CsvColumn.AVAILABILITY_NOTES))
                .isEqualTo("Le \"matin\"\nseulement, pas le soir");
        assertThat(parsed.rows().get(1).line()).isEqualTo(4);
    }

    @Test
    void refusesAFileThatIsNotUtf8() {
        byte[] latin1 = (HEADER + "\nAG-1;Hélène;Sophie;91228;2030-01-31;4;2;;;;;\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ChildminderCsv.parse(latin1).errors()).extracting(CsvError::code)
                .containsExactly("csv.error.encoding");
    }

    @Test
    void namesEveryMissingAndUnknownColumn() {
        Parsed parsed = parse("numero_agrement;nom;prenom;commune;fin_agrement;enfants_agrement;places_avip;"
                + "age_min_mois;age_max_mois;telephone;email\nAG-1;Martin;Sophie;91228;2030-01-31;4;2;;;;\n");

        assertThat(parsed.errors()).extracting(CsvError::code)
                .containsExactlyInAnyOrder("csv.error.unknownColumn", "csv.error.missingColumn",
                        "csv.error.missingColumn");
        assertThat(parsed.errors()).extracting(error -> error.arguments().get(0))
                .containsExactlyInAnyOrder("commune", "code_commune", "disponibilites");
    }

    @Test
    void reportsALineWithTheWrongNumberOfFieldsAndAnUnclosedQuote() {
        assertThat(parse(HEADER + "\nAG-1;Martin;Sophie\n").errors()).extracting(CsvError::code, CsvError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("csv.error.fieldCount", 2));
        assertThat(parse(HEADER + "\nAG-1;\"Martin;Sophie;91228;2030-01-31;4;2;;;;;\n").errors())
                .extracting(CsvError::code).containsExactly("csv.error.unclosedQuote");
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsEmpty() {
        assertThat(parse("").errors()).extracting(CsvError::code).containsExactly("csv.error.empty");
        assertThat(parse(HEADER + "\n\n").errors()).extracting(CsvError::code).containsExactly("csv.error.empty");
    }

    @Test
    void writtenLinesReadBackToTheSameValues() {
        ChildminderDetails details = new ChildminderDetails("Anne-Marie", "N’Diaye; \"Nana\"", "091/2024-7",
                LocalDate.of(2030, 1, 31), 3, 1, "2A004", 6, 48, "+33 6 12 34 56 78", "a@b.fr", "Lundi,\nmardi");

        Parsed parsed = ChildminderCsv.parse((ChildminderCsv.headerLine() + ChildminderCsv.line(details))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows().get(0).get(CsvColumn.LAST_NAME)).isEqualTo("N’Diaye; \"Nana\"");
        assertThat(parsed.rows().get(0).get(CsvColumn.AVAILABILITY_NOTES)).isEqualTo("Lundi,\nmardi");
        assertThat(parsed.rows().get(0).get(CsvColumn.AGREEMENT_END_DATE)).isEqualTo("2030-01-31");
    }

    @Test
    void cellsASpreadsheetWouldReadAsFormulasGetAnApostropheThatReadingTakesBack() {
        ChildminderDetails details = new ChildminderDetails("=1+1", "@SUM(A1)", "091-1", LocalDate.of(2030, 1, 31),
                3, 1, "91228", 0, 132, "+33 6 12 34 56 78", null, "-2 le mercredi");

        String line = ChildminderCsv.line(details);
        Parsed parsed = parse(ChildminderCsv.headerLine() + line);

        assertThat(line).contains(";'@SUM(A1);'=1+1;").contains(";'+33 6 12 34 56 78;").endsWith(";'-2 le mercredi\r\n");
        assertThat(parsed.rows().get(0).get(CsvColumn.FIRST_NAME)).isEqualTo("=1+1");
        assertThat(parsed.rows().get(0).get(CsvColumn.LAST_NAME)).isEqualTo("@SUM(A1)");
        assertThat(parsed.rows().get(0).get(CsvColumn.PHONE)).isEqualTo("+33 6 12 34 56 78");
        assertThat(parsed.rows().get(0).get(CsvColumn.AVAILABILITY_NOTES)).isEqualTo("-2 le mercredi");
    }

    @Test
    void onlyTheApostropheTheExportAddedIsTakenBack() {
        assertThat(ChildminderCsv.neutralise("\tcalc")).isEqualTo("'\tcalc");
        assertThat(ChildminderCsv.neutralise("'Ti Bout de chou")).isEqualTo("''Ti Bout de chou");
        assertThat(ChildminderCsv.unneutralise("''Ti Bout de chou")).isEqualTo("'Ti Bout de chou");
        assertThat(ChildminderCsv.unneutralise("'Ti Bout de chou")).isEqualTo("'Ti Bout de chou");
        assertThat(ChildminderCsv.unneutralise("Aujourd’hui")).isEqualTo("Aujourd’hui");
        for (String value : new String[] {"=A1", "+1", "-1", "@A", "'", "''x", "x'", ""}) {
            assertThat(ChildminderCsv.unneutralise(ChildminderCsv.neutralise(value))).isEqualTo(value);
        }
    }

    @Test
    void theTemplateIsAValidFileWithTheDocumentedHeader() {
        Parsed parsed = ChildminderCsv.parse(ChildminderImport.template().getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(1);
        assertThat(ChildminderCsv.headerLine().strip()).isEqualTo(HEADER);
    }

    private static Parsed parse(String text) {
        return ChildminderCsv.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
