package fr.passerelle.provider.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderDetails;
import fr.passerelle.provider.ChildminderForm;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.provider.csv.ChildminderCsv.CsvError;
import fr.passerelle.provider.csv.ChildminderCsv.CsvRow;
import fr.passerelle.system.DatePolicy;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports childminders from CSV, all or nothing: {@link #check(byte[])} lists every error of every row, and
 * {@link #importAll(CurrentUser, byte[])} checks again and, only when no row has an error, inserts every row in one
 * transaction, in two set-based statements (organisations, then childminders), with one audit entry per childminder.
 * Exports the registry with the same columns.
 */
@Service
public class ChildminderImport {

    private static final Pattern AGREEMENT_NUMBER = Pattern.compile(ChildminderForm.AGREEMENT_NUMBER);
    private static final Pattern PHONE = Pattern.compile(ChildminderForm.PHONE);
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final CommuneDirectory communes;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final DatePolicy dates;

    ChildminderImport(CommuneDirectory communes, AuditTrail audit, JdbcClient jdbc, Clock clock, DatePolicy dates) {
        this.communes = communes;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dates = dates;
    }

    /**
     * What the file would import.
     *
     * @param errors every problem, by line; empty when the file can be imported
     * @param rows the rows that are valid, in file order
     */
    public record Preview(List<CsvError> errors, List<ChildminderDetails> rows) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The file's rows were not all valid: nothing was imported. */
    public static class InvalidImportException extends RuntimeException {

        private final transient Preview preview;

        InvalidImportException(Preview preview) {
            super("The file has " + preview.errors().size() + " error(s)");
            this.preview = preview;
        }

        public Preview preview() {
            return preview;
        }
    }

    @Transactional(readOnly = true)
    public Preview check(byte[] file) {
        ChildminderCsv.Parsed parsed = ChildminderCsv.parse(file);
        List<CsvError> errors = new ArrayList<>(parsed.errors());
        if (parsed.rows().isEmpty()) {
            return new Preview(errors, List.of());
        }
        Set<String> codes = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (CsvRow row : parsed.rows()) {
            codes.add(row.get(CsvColumn.COMMUNE_CODE).toUpperCase(Locale.ROOT));
            numbers.add(row.get(CsvColumn.AGREEMENT_NUMBER).toUpperCase(Locale.ROOT));
        }
        Map<String, Commune> known = communes.findAllByInseeCodes(codes);
        Set<String> registered = registeredNumbers(numbers);
        LocalDate today = LocalDate.now(clock);
        Map<String, Integer> seen = new HashMap<>();
        List<ChildminderDetails> rows = new ArrayList<>(parsed.rows().size());
        for (CsvRow row : parsed.rows()) {
            int before = errors.size();
            ChildminderDetails details = row(row, known, registered, seen, today, dates, errors);
            if (errors.size() == before) {
                rows.add(details);
            }
        }
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Preview(errors, rows);
    }

    /**
     * Imports every row of the file or none.
     *
     * @return how many childminders were added
     * @throws InvalidImportException when any row has an error (the registry may have changed since the preview)
     */
    @Transactional
    public int importAll(CurrentUser admin, byte[] file) {
        Preview preview = check(file);
        if (!preview.valid()) {
            throw new InvalidImportException(preview);
        }
        List<ChildminderDetails> rows = preview.rows();
        Map<String, Commune> byCode = communes.findAllByInseeCodes(
                rows.stream().map(ChildminderDetails::communeCode).toList());
        int size = rows.size();
        String[] firstNames = new String[size];
        String[] lastNames = new String[size];
        String[] numbers = new String[size];
        String[] ends = new String[size];
        String[] children = new String[size];
        String[] places = new String[size];
        String[] communeCodes = new String[size];
        String[] departements = new String[size];
        String[] minAges = new String[size];
        String[] maxAges = new String[size];
        String[] phones = new String[size];
        String[] emails = new String[size];
        String[] notes = new String[size];
        String[] organisationNames = new String[size];
        for (int i = 0; i < size; i++) {
            ChildminderDetails row = rows.get(i);
            firstNames[i] = row.firstName();
            lastNames[i] = row.lastName();
            numbers[i] = row.agreementNumber();
            ends[i] = row.agreementEndDate().toString();
            children[i] = String.valueOf(row.childrenAllowed());
            places[i] = String.valueOf(row.avipPlaces());
            communeCodes[i] = row.communeCode();
            departements[i] = byCode.get(row.communeCode()).departementCode();
            minAges[i] = String.valueOf(row.minAgeMonths());
            maxAges[i] = String.valueOf(row.maxAgeMonths());
            phones[i] = row.phone();
            emails[i] = row.email();
            notes[i] = row.availabilityNotes();
            organisationNames[i] = ChildminderRegistry.organisationName(row);
        }
        // One statement for all the rows: the organisations, then their childminders, joined on the organisation's
        // name, which holds the (unique) agreement number.
        List<Map.Entry<Long, String>> created = jdbc.sql("""
                        with input as (
                            select * from unnest(cast(:firstNames as text[]), cast(:lastNames as text[]),
                                cast(:numbers as text[]), cast(:ends as date[]), cast(:children as smallint[]),
                                cast(:places as smallint[]), cast(:communes as text[]), cast(:departements as text[]),
                                cast(:minAges as smallint[]), cast(:maxAges as smallint[]), cast(:phones as text[]),
                                cast(:emails as text[]), cast(:notes as text[]), cast(:organisationNames as text[]))
                                as i(first_name, last_name, agreement_number, agreement_end_date, children_allowed,
                                     avip_places, commune_code, departement_code, min_age_months, max_age_months,
                                     phone, email, availability_notes, organisation_name)
                        ), organisations as (
                            insert into organisation (kind, name, departement_code, commune_code)
                            select 'CHILDMINDER', organisation_name, departement_code, commune_code from input
                            returning id, name
                        )
                        insert into childminder (organisation_id, first_name, last_name, agreement_number,
                            agreement_end_date, children_allowed, avip_places, min_age_months, max_age_months, phone,
                            email, availability_notes, commune_code)
                        select o.id, i.first_name, i.last_name, i.agreement_number, i.agreement_end_date,
                            i.children_allowed, i.avip_places, i.min_age_months, i.max_age_months, i.phone, i.email,
                            i.availability_notes, i.commune_code
                        from input i join organisations o on o.name = i.organisation_name
                        returning id, agreement_number""")
                .param("firstNames", firstNames).param("lastNames", lastNames).param("numbers", numbers)
                .param("ends", ends).param("children", children).param("places", places)
                .param("communes", communeCodes).param("departements", departements).param("minAges", minAges)
                .param("maxAges", maxAges).param("phones", phones).param("emails", emails).param("notes", notes)
                .param("organisationNames", organisationNames)
                .query((row, n) -> Map.entry(row.getLong(1), row.getString(2)))
                .list();
        Map<String, ChildminderDetails> byNumber = new HashMap<>();
        rows.forEach(row -> byNumber.put(row.agreementNumber(), row));
        Map<Long, Changes> imported = new LinkedHashMap<>();
        for (Map.Entry<Long, String> childminder : created) {
            imported.put(childminder.getKey(), ChildminderRegistry.created(byNumber.get(childminder.getValue())));
        }
        audit.recordAll(admin.getUserId(), ChildminderRegistry.CHILDMINDER, "IMPORTED", imported);
        return created.size();
    }

    /** The registry's childminders still in it, with the import's columns, by last name. */
    @Transactional(readOnly = true)
    public void export(Writer out) {
        try {
            out.write('\uFEFF');
            out.write(ChildminderCsv.headerLine());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        jdbc.sql("""
                        select first_name, last_name, agreement_number, agreement_end_date, children_allowed,
                               avip_places, commune_code, min_age_months, max_age_months, phone, email,
                               availability_notes
                        from childminder where active order by last_search_name, first_search_name, id""")
                .query(row -> {
                    ChildminderDetails details = new ChildminderDetails(row.getString(1), row.getString(2),
                            row.getString(3), row.getObject(4, LocalDate.class), row.getInt(5), row.getInt(6),
                            row.getString(7), row.getInt(8), row.getInt(9), row.getString(10), row.getString(11),
                            row.getString(12));
                    try {
                        out.write(ChildminderCsv.line(details));
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
    }

    /** The template: the header and one example line. */
    static String template() {
        return "\uFEFF" + ChildminderCsv.headerLine() + ChildminderCsv.line(new ChildminderDetails("Sophie", "Martin",
                "091-2024-0001", LocalDate.of(2029, 6, 30), 4, 2, "91228", 3, 72, "06 12 34 56 78",
                "sophie.martin@example.org", "Lundi au vendredi, 7 h 30 – 18 h 30; mercredi libre"));
    }

    private Set<String> registeredNumbers(Collection<String> numbers) {
        return new HashSet<>(jdbc.sql("select upper(agreement_number) from childminder"
                        + " where upper(agreement_number) = any(?)")
                .param(numbers.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    private static ChildminderDetails row(CsvRow row, Map<String, Commune> known, Set<String> registered,
            Map<String, Integer> seen, LocalDate today, DatePolicy dates, List<CsvError> errors) {
        int line = row.line();
        int before = errors.size();
        for (CsvColumn column : CsvColumn.values()) {
            String value = row.get(column);
            if (column.required() && value.isEmpty()) {
                errors.add(CsvError.of(line, "csv.error.required", column.header()));
            }
            else if (value.length() > column.maxLength() && column != CsvColumn.COMMUNE_CODE
                    && column != CsvColumn.AGREEMENT_END_DATE && column != CsvColumn.CHILDREN_ALLOWED
                    && column != CsvColumn.AVIP_PLACES && column != CsvColumn.MIN_AGE_MONTHS
                    && column != CsvColumn.MAX_AGE_MONTHS) {
                errors.add(CsvError.of(line, "csv.error.tooLong", column.header(), column.maxLength()));
            }
        }
        String number = row.get(CsvColumn.AGREEMENT_NUMBER).toUpperCase(Locale.ROOT);
        if (!number.isEmpty() && number.length() <= CsvColumn.AGREEMENT_NUMBER.maxLength()) {
            if (!AGREEMENT_NUMBER.matcher(number).matches()) {
                errors.add(CsvError.of(line, "csv.error.format", CsvColumn.AGREEMENT_NUMBER.header(), number));
            }
            else if (registered.contains(number)) {
                errors.add(CsvError.of(line, "csv.error.duplicateInRegistry", number));
            }
            else {
                Integer first = seen.putIfAbsent(number, line);
                if (first != null) {
                    errors.add(CsvError.of(line, "csv.error.duplicateInFile", number, first));
                }
            }
        }
        String code = row.get(CsvColumn.COMMUNE_CODE).toUpperCase(Locale.ROOT);
        if (!code.isEmpty() && !known.containsKey(code)) {
            errors.add(CsvError.of(line, "csv.error.unknownCommune", row.get(CsvColumn.COMMUNE_CODE)));
        }
        LocalDate end = date(row, CsvColumn.AGREEMENT_END_DATE, line, errors);
        if (end != null && end.isBefore(today)) {
            errors.add(CsvError.of(line, "csv.error.agreementExpired", end.format(FRENCH_DATE)));
        }
        // The same rule as the form's (system.DatePolicy), said with the line number.
        LocalDate agreementEnd = end;
        dates.checkAgreementEnd(end, today).ifPresent(refusal -> errors.add(CsvError.of(line,
                "csv.error.agreementTooLate", agreementEnd.format(FRENCH_DATE), refusal.arguments()[0])));
        Integer children = number(row, CsvColumn.CHILDREN_ALLOWED, null, line, errors);
        if (children != null && (children < 1 || children > Childminder.MAX_CHILDREN)) {
            errors.add(CsvError.of(line, "csv.error.capacity", children));
            children = null;
        }
        Integer places = number(row, CsvColumn.AVIP_PLACES, null, line, errors);
        if (places != null && (places < 0 || (children != null && places > children)
                || places > Childminder.MAX_CHILDREN)) {
            errors.add(CsvError.of(line, "csv.error.avipPlaces", places,
                    children == null ? Childminder.MAX_CHILDREN : children));
        }
        Integer minAge = number(row, CsvColumn.MIN_AGE_MONTHS, 0, line, errors);
        Integer maxAge = number(row, CsvColumn.MAX_AGE_MONTHS, 132, line, errors);
        if (minAge != null && maxAge != null && (minAge < 0 || maxAge > 144 || maxAge < minAge)) {
            errors.add(CsvError.of(line, "csv.error.ages"));
        }
        String phone = row.get(CsvColumn.PHONE);
        if (!phone.isEmpty() && phone.length() <= CsvColumn.PHONE.maxLength() && !PHONE.matcher(phone).matches()) {
            errors.add(CsvError.of(line, "csv.error.format", CsvColumn.PHONE.header(), phone));
        }
        String email = EmailAddresses.normalise(row.get(CsvColumn.EMAIL));
        if (email != null && !EmailAddresses.isValid(email)) {
            errors.add(CsvError.of(line, "csv.error.email", CsvColumn.EMAIL.header(), row.get(CsvColumn.EMAIL)));
        }
        if (errors.size() > before) {
            return null;
        }
        return new ChildminderDetails(row.get(CsvColumn.FIRST_NAME), row.get(CsvColumn.LAST_NAME), number, end,
                children, places, code, minAge, maxAge, emptyToNull(phone), email,
                emptyToNull(row.get(CsvColumn.AVAILABILITY_NOTES)));
    }

    private static LocalDate date(CsvRow row, CsvColumn column, int line, List<CsvError> errors) {
        String value = row.get(column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value, FRENCH_DATE) : LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            errors.add(CsvError.of(line, "csv.error.date", column.header(), value));
            return null;
        }
    }

    private static Integer number(CsvRow row, CsvColumn column, Integer absent, int line, List<CsvError> errors) {
        String value = row.get(column);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.valueOf(value);
        }
        catch (NumberFormatException ex) {
            errors.add(CsvError.of(line, "csv.error.number", column.header(), value));
            return null;
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
