package fr.passerelle.system;

/**
 * The characters no text of Passerelle may hold: the control characters (C0 but tab, line feed and carriage return,
 * DEL, C1). PostgreSQL refuses NUL in text outright, and none of the others is anything a person types: they come
 * from a copy-paste gone wrong or from a tool probing the application.
 */
public final class ControlCharacters {

    /** The message code of a field refused for holding one. */
    public static final String MESSAGE_CODE = "ControlCharacters";

    private ControlCharacters() {
    }

    public static boolean contains(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isRefused(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text without them ({@code null} stays {@code null}); the text itself when it holds none. */
    public static String strip(String text) {
        if (!contains(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isRefused(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isRefused(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }
}
