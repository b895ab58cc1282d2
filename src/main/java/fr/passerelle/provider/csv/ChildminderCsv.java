package fr.passerelle.provider.csv;

import fr.passerelle.provider.ChildminderDetails;
import fr.passerelle.system.ControlCharacters;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and writing the childminders' CSV: UTF-8 (a leading byte-order mark is ignored), separated by {@code ;} or
 * {@code ,} (whichever the header uses), fields optionally in double quotes (RFC 4180: a quote inside is doubled,
 * a quoted field may hold separators and line breaks), lines ending in LF or CRLF.
 */
public final class ChildminderCsv {

    /** Larger files are refused: split them. */
    static final int MAX_ROWS = 20_000;

    static final char EXPORT_SEPARATOR = ';';

    private ChildminderCsv() {
    }

    /** One problem, at a line of the file (1 is the header; 0 for the whole file), as a message code and arguments. */
    public record CsvError(int line, String code, List<Object> arguments) {

        static CsvError of(int line, String code, Object... arguments) {
            return new CsvError(line, code, List.of(arguments));
        }
    }

    /** A data line: its line number in the file and its values by column (absent columns are empty). */
    record CsvRow(int line, Map<CsvColumn, String> values) {

        String get(CsvColumn column) {
            return values.getOrDefault(column, "");
        }
    }

    /** What reading the file gave: rows, or errors that stop everything (encoding, header, quotes). */
    record Parsed(List<CsvRow> rows, List<CsvError> errors) {
    }

    static Parsed parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException ex) {
            return failed(CsvError.of(0, "csv.error.encoding"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int headerEnd = text.indexOf('\n');
        String headerLine = headerEnd < 0 ? text : text.substring(0, headerEnd);
        char separator = headerLine.indexOf(';') >= 0 ? ';' : ',';

        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        CsvError quoteError = split(text, separator, records, lines);
        if (quoteError != null) {
            return failed(quoteError);
        }
        if (records.isEmpty()) {
            return failed(CsvError.of(0, "csv.error.empty"));
        }
        List<CsvError> errors = new ArrayList<>();
        Map<CsvColumn, Integer> positions = header(records.get(0), errors);
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), errors);
        }
        if (records.size() == 1) {
            return failed(CsvError.of(0, "csv.error.empty"));
        }
        if (records.size() - 1 > MAX_ROWS) {
            return failed(CsvError.of(0, "csv.error.tooManyRows", MAX_ROWS));
        }
        int width = records.get(0).size();
        List<CsvRow> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            int line = lines.get(i);
            if (record.size() != width) {
                errors.add(CsvError.of(line, "csv.error.fieldCount", record.size(), width));
                continue;
            }
            Map<CsvColumn, String> values = new EnumMap<>(CsvColumn.class);
            positions.forEach((column, position) -> values.put(column, unneutralise(record.get(position).strip())));
            Optional<CsvColumn> controlled = values.entrySet().stream()
                    .filter(value -> ControlCharacters.contains(value.getValue())).map(Map.Entry::getKey).findFirst();
            if (controlled.isPresent()) {
                errors.add(CsvError.of(line, "csv.error.controlCharacter", controlled.get().header()));
                continue;
            }
            rows.add(new CsvRow(line, values));
        }
        return new Parsed(rows, errors);
    }

    /** Every column must be there once, and nothing else; the order is free. */
    private static Map<CsvColumn, Integer> header(List<String> names, List<CsvError> errors) {
        Map<String, CsvColumn> byHeader = new HashMap<>();
        for (CsvColumn column : CsvColumn.values()) {
            byHeader.put(column.header(), column);
        }
        Map<CsvColumn, Integer> positions = new EnumMap<>(CsvColumn.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            CsvColumn column = byHeader.get(name);
            if (column == null) {
                errors.add(CsvError.of(1, "csv.error.unknownColumn", names.get(i).strip()));
            }
            else if (positions.putIfAbsent(column, i) != null) {
                errors.add(CsvError.of(1, "csv.error.duplicateColumn", column.header()));
            }
        }
        for (CsvColumn column : CsvColumn.values()) {
            if (!positions.containsKey(column)) {
                errors.add(CsvError.of(1, "csv.error.missingColumn", column.header()));
            }
        }
        return positions;
    }

    /**
     * Splits the text into records of fields, noting the line each record starts on. Blank lines are skipped.
     * Returns the error of a quote left open, or {@code null}.
     */
    private static CsvError split(String text, char separator, List<List<String>> records, List<Integer> lines) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < length && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    }
                    else {
                        quoted = false;
                    }
                }
                else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            }
            else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                quoteLine = line;
                field.setLength(0);
                fieldStarted = true;
            }
            else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            }
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(fields, field, fieldStarted, records, lines, recordLine);
                fields = new ArrayList<>();
                fieldStarted = false;
                line++;
                recordLine = line;
            }
            else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            return CsvError.of(quoteLine, "csv.error.unclosedQuote");
        }
        endRecord(fields, field, fieldStarted, records, lines, recordLine);
        return null;
    }

    private static void endRecord(List<String> fields, StringBuilder field, boolean fieldStarted,
            List<List<String>> records, List<Integer> lines, int recordLine) {
        if (!fieldStarted && fields.isEmpty()) {
            return;
        }
        fields.add(field.toString());
        field.setLength(0);
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return;
        }
        records.add(fields);
        lines.add(recordLine);
    }

    private static Parsed failed(CsvError error) {
        return new Parsed(List.of(), List.of(error));
    }

    /** The header line, in the template's order. */
    public static String headerLine() {
        StringBuilder line = new StringBuilder();
        for (CsvColumn column : CsvColumn.values()) {
            if (!line.isEmpty()) {
                line.append(EXPORT_SEPARATOR);
            }
            line.append(column.header());
        }
        return line.append("\r\n").toString();
    }

    /** One line of the file for these details, in the template's order. */
    static String line(ChildminderDetails details) {
        Map<CsvColumn, Object> values = new EnumMap<>(CsvColumn.class);
        values.put(CsvColumn.AGREEMENT_NUMBER, details.agreementNumber());
        values.put(CsvColumn.LAST_NAME, details.lastName());
        values.put(CsvColumn.FIRST_NAME, details.firstName());
        values.put(CsvColumn.COMMUNE_CODE, details.communeCode());
        values.put(CsvColumn.AGREEMENT_END_DATE, details.agreementEndDate());
        values.put(CsvColumn.CHILDREN_ALLOWED, details.childrenAllowed());
        values.put(CsvColumn.AVIP_PLACES, details.avipPlaces());
        values.put(CsvColumn.MIN_AGE_MONTHS, details.minAgeMonths());
        values.put(CsvColumn.MAX_AGE_MONTHS, details.maxAgeMonths());
        values.put(CsvColumn.PHONE, details.phone());
        values.put(CsvColumn.EMAIL, details.email());
        values.put(CsvColumn.AVAILABILITY_NOTES, details.availabilityNotes());
        StringBuilder line = new StringBuilder();
        for (CsvColumn column : CsvColumn.values()) {
            if (column.ordinal() > 0) {
                line.append(EXPORT_SEPARATOR);
            }
            Object value = values.get(column);
            line.append(quote(neutralise(value == null ? "" : value.toString())));
        }
        return line.append("\r\n").toString();
    }

    /**
     * What a spreadsheet would read as a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
     * return first: "=HYPERLINK(…)" typed in a childminder's notes) gets a leading apostrophe, which spreadsheets
     * read as "this is text" and do not show. So does a value that already starts with an apostrophe, so that
     * {@link #unneutralise} can tell the two apart and the export reads back as the same registry.
     */
    static String neutralise(String value) {
        return startsWithFormulaOrApostrophe(value, 0) ? "'" + value : value;
    }

    /**
     * Takes back the apostrophe {@link #neutralise} adds: only one followed by a formula character or another
     * apostrophe. Any other apostrophe is the value's own ("'Ti Bout de chou" stays as it is).
     */
    static String unneutralise(String value) {
        return value.startsWith("'") && startsWithFormulaOrApostrophe(value, 1) ? value.substring(1) : value;
    }

    private static boolean startsWithFormulaOrApostrophe(String value, int at) {
        return value.length() > at && "=+-@\t\r'".indexOf(value.charAt(at)) >= 0;
    }

    /** Quotes a field that holds a separator (either), a quote or a line break, doubling its quotes. */
    static String quote(String value) {
        if (value.indexOf(';') < 0 && value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
