package fr.passerelle.referral;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The job seeker's France Travail identifier: historically 7 digits and a letter or digit (8 characters), since 2025
 * 11 digits. Both are accepted.
 */
public final class FranceTravailIdentifier {

    private static final Pattern FORMAT = Pattern.compile("^(\\d{7}[A-Z0-9]|\\d{11})$");

    private FranceTravailIdentifier() {
    }

    /** Upper-cased, without the spaces people type for readability; {@code null} stays {@code null}. */
    public static String normalise(String identifier) {
        return identifier == null ? null : identifier.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String identifier) {
        String normalised = normalise(identifier);
        return normalised != null && FORMAT.matcher(normalised).matches();
    }
}
