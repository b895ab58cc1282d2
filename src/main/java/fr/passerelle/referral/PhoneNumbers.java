package fr.passerelle.referral;

import java.util.Optional;
import java.util.regex.Pattern;

/** French phone numbers as people type them ("06 12 34 56 78", "+33 6 12…", "0033…"), stored as +33XXXXXXXXX. */
public final class PhoneNumbers {

    private static final Pattern NATIONAL = Pattern.compile("^0([1-9]\\d{8})$");
    private static final Pattern INTERNATIONAL = Pattern.compile("^(?:\\+|00)33([1-9]\\d{8})$");

    private PhoneNumbers() {
    }

    /** The number in +33 form, or empty when it is not a French number. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("[\\s.\\-()]", "");
        var national = NATIONAL.matcher(compact);
        if (national.matches()) {
            return Optional.of("+33" + national.group(1));
        }
        var international = INTERNATIONAL.matcher(compact);
        if (international.matches()) {
            return Optional.of("+33" + international.group(1));
        }
        return Optional.empty();
    }

    /** "+33612345678" → "06 12 34 56 78", the way it is read in France. */
    public static String display(String stored) {
        if (stored == null || !stored.startsWith("+33") || stored.length() != 12) {
            return stored;
        }
        String national = "0" + stored.substring(3);
        return String.join(" ", national.substring(0, 2), national.substring(2, 4), national.substring(4, 6),
                national.substring(6, 8), national.substring(8, 10));
    }
}
