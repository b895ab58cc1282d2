package fr.passerelle.notification;

import java.util.List;

/**
 * The words of one email, already in the recipient's language: the templates {@code notification/mail/message.html}
 * and {@code message.txt} lay them out as its HTML and text parts.
 *
 * @param subject the subject line
 * @param title the heading
 * @param paragraphs what happened and what to do
 * @param facts the request's details, label and value
 * @param action the button (a link), or {@code null}
 * @param notes smaller print after the button (what the link can do, why the email came)
 */
record Mail(String subject, String title, List<String> paragraphs, List<Fact> facts, Action action,
        List<String> notes) {

    Mail {
        paragraphs = List.copyOf(paragraphs);
        facts = List.copyOf(facts);
        notes = List.copyOf(notes);
    }

    /** One line of details: "Commune — Évry-Courcouronnes (91228)". */
    record Fact(String label, String value) {
    }

    /** A button and the absolute address it opens. */
    record Action(String label, String url) {
    }
}
