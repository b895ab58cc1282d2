package fr.passerelle.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects what an administrative change changed, field by field; a field whose value stays the same is left out.
 * Values are kept as text, as an administrator reads them.
 */
public final class Changes {

    private final List<FieldChange> changes = new ArrayList<>();

    private Changes() {
    }

    public static Changes of() {
        return new Changes();
    }

    /** Records the field when its value changed. */
    public Changes field(String field, Object before, Object after) {
        String old = text(before);
        String now = text(after);
        if (!Objects.equals(old, now)) {
            changes.add(new FieldChange(field, old, now));
        }
        return this;
    }

    /** Records the field's value for an entity that did not exist before. */
    public Changes created(String field, Object value) {
        return field(field, null, value);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<FieldChange> list() {
        return List.copyOf(changes);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isEmpty() ? null : text;
    }
}
