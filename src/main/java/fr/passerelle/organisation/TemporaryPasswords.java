package fr.passerelle.organisation;

import java.security.SecureRandom;

/** Temporary passwords an administrator reads out or sends: no look-alike characters (0/O, 1/l/I), in groups of 4. */
final class TemporaryPasswords {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPasswords() {
    }

    /** 16 random characters (about 79 bits) as "abcd-efgh-jkmn-pqrs": 19 characters, above the 12 required. */
    static String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
