package fr.passerelle.audit;

/** One field of an entity, as it was and as it became; {@code null} stands for "empty". */
public record FieldChange(String field, String before, String after) {
}
