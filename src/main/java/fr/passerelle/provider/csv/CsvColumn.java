package fr.passerelle.provider.csv;

/**
 * The columns of the childminders' CSV file, the same for import and export, in the template's order. Headers are
 * matched without regard to case or surrounding spaces; the columns may come in any order.
 */
public enum CsvColumn {

    /** PMI agreement number: up to 30 letters, digits, spaces, dots, hyphens, slashes; unique. */
    AGREEMENT_NUMBER("numero_agrement", true, 30),
    LAST_NAME("nom", true, 100),
    FIRST_NAME("prenom", true, 100),
    /** INSEE code of the commune of work (not the postal code). */
    COMMUNE_CODE("code_commune", true, 5),
    /** Last day of the agreement, YYYY-MM-DD or DD/MM/YYYY; not in the past. */
    AGREEMENT_END_DATE("fin_agrement", true, 10),
    /** 1 to 4. */
    CHILDREN_ALLOWED("enfants_agrement", true, 1),
    /** 0 to the children allowed. */
    AVIP_PLACES("places_avip", true, 1),
    /** Months, 0 to 144; empty for 0. */
    MIN_AGE_MONTHS("age_min_mois", false, 3),
    /** Months, 0 to 144; empty for 132 (11 years). */
    MAX_AGE_MONTHS("age_max_mois", false, 3),
    PHONE("telephone", false, 20),
    EMAIL("email", false, 200),
    AVAILABILITY_NOTES("disponibilites", false, 1000);

    private final String header;
    private final boolean required;
    private final int maxLength;

    CsvColumn(String header, boolean required, int maxLength) {
        this.header = header;
        this.required = required;
        this.maxLength = maxLength;
    }

    public String header() {
        return header;
    }

    public boolean required() {
        return required;
    }

    public int maxLength() {
        return maxLength;
    }
}
