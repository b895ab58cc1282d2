package fr.passerelle.system;

import java.util.Locale;

/**
 * The application's one rule for an email address, used by every form and by the CSV import (through
 * {@link ValidEmail} or directly). It is practical rather than RFC 5322: what people type into a form, with the
 * mistakes that make an address unusable refused: a local part, one {@code @}, a domain with at least one dot, no
 * markup or list separator, at most {@value #MAX_LENGTH} characters, stored trimmed and lower-cased. The database keeps a coarser copy of it as a CHECK constraint
 * ({@code V11__notifications.sql}), which every address this class accepts satisfies.
 */
public final class EmailAddresses {

    /** The longest address SMTP carries (RFC 5321), and the size of the columns. */
    public static final int MAX_LENGTH = 254;

    /**
     * Characters never seen in a usable address: they come from pasting "Name &lt;address&gt;", a list of
     * addresses, or a quoted local part no mail client of ours would need.
     */
    private static final String FORBIDDEN = "<>()[]\\,;:\"";

    private EmailAddresses() {
    }

    /**
     * What is stored: the address without the spaces around it (no-break spaces too, which come with a copy from a
     * document) and in lower case, so that one mailbox is one address whoever typed it, or {@code null} when nothing
     * was typed.
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        int start = 0;
        int end = typed.length();
        while (start < end && blank(typed.charAt(start))) {
            start++;
        }
        while (end > start && blank(typed.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : typed.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * Whether a normalised address is usable: one {@code @} with something before it, a domain of at least two
     * non-empty labels after it, no whitespace, control or invisible formatting character, at most
     * {@value #MAX_LENGTH} characters.
     */
    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return false;
        }
        if (!address.codePoints().allMatch(EmailAddresses::allowed)) {
            return false;
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@')) {
            return false;
        }
        String domain = address.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return false;
        }
        String local = address.substring(0, at);
        return !local.startsWith(".") && !local.endsWith(".");
    }

    private static boolean allowed(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint) || FORBIDDEN.indexOf(codePoint) >= 0) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type != Character.FORMAT && type != Character.SURROGATE && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE;
    }
}
