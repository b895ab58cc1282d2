package fr.passerelle.territory;

/** A département, as lists and pickers show it. */
public record Departement(String code, String name) {

    /** "91 — Essonne". */
    public String label() {
        return code + " — " + name;
    }
}
