package fr.passerelle.system;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as French spreadsheets open it: UTF-8 with a byte order mark, semicolons, CRLF line ends, fields quoted when
 * they hold a semicolon, a quote or a line end, and nothing a spreadsheet would take for a formula.
 */
public final class Csv {

    static final String CONTENT_TYPE = "text/csv;charset=UTF-8";

    private final Writer out;

    public Csv(Writer out) throws IOException {
        this.out = out;
        out.write('\uFEFF');
    }

    public void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(';');
            }
            out.write(escape(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        if (!field.isEmpty() && "=+@\t\r".indexOf(field.charAt(0)) >= 0) {
            // A name from the registry must never run as a spreadsheet formula.
            field = "'" + field;
        }
        if (field.indexOf(';') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
