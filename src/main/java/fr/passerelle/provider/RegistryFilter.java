package fr.passerelle.provider;

import fr.passerelle.system.Pages;

/**
 * The filters of the childminders' list, bound from the query string, but for the search {@code q} (a childminder's
 * name is a person's name): it is posted and kept in the session ({@link RegistryViews#filter}), never in a URL.
 */
public class RegistryFilter {

    /** What the label filter offers: a status of the current label, or no label at all. */
    public enum LabelFilter {
        /** In force today. */
        ACTIVE,
        /** Granted for dates that have not started. */
        NOT_YET_VALID,
        /** Suspended, waiting to be reinstated or revoked. */
        SUSPENDED,
        /** Revoked for good. */
        REVOKED,
        /** Past its end date and not renewed. */
        EXPIRED,
        /** Never granted a label. */
        NONE
    }

    /** Which childminders: those in the registry, those taken out of it, or both. */
    public enum State {
        /** In the registry (the default). */
        ACTIVE,
        /** Deactivated. */
        INACTIVE,
        /** Both. */
        ALL
    }

    /** As typed: an INSEE or postal code, a name or a suggestion's label; {@link RegistryViews} resolves it. */
    private String commune;
    /** As typed: a SIREN, part of a name or a suggestion's label. */
    private String epci;
    private LabelFilter label;
    /** 30 or 60: the label or the agreement ends within that many days. */
    private Integer expiring;
    private String q;
    private State state = State.ACTIVE;
    private int page;

    public String getCommune() {
        return commune;
    }

    public void setCommune(String commune) {
        this.commune = blankToNull(commune);
    }

    public String getEpci() {
        return epci;
    }

    public void setEpci(String epci) {
        this.epci = blankToNull(epci);
    }

    public LabelFilter getLabel() {
        return label;
    }

    public void setLabel(LabelFilter label) {
        this.label = label;
    }

    public Integer getExpiring() {
        return expiring;
    }

    public void setExpiring(Integer expiring) {
        this.expiring = expiring == null || expiring <= 0 ? null : Math.min(expiring, 366);
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        String text = blankToNull(q);
        this.q = text == null ? null : text.substring(0, Math.min(text.length(), 100));
    }

    public State getState() {
        return state;
    }

    public void setState(State state) {
        this.state = state == null ? State.ACTIVE : state;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Pages.clamp(page);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
