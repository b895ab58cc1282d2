package fr.passerelle.organisation;

import fr.passerelle.system.Pages;

/**
 * The filters of the administrators' user list, bound from the query string. The name search is not among them: it
 * is posted and kept in the session, so that no name travels in URLs.
 */
public class UserFilter {

    private Role role;
    private Long organisationId;
    private Boolean enabled;
    private int page;

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public Long getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(Long organisationId) {
        this.organisationId = organisationId;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Pages.clamp(page);
    }
}
