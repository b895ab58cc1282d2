package fr.passerelle.provider;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.CommuneResolution;
import fr.passerelle.territory.Epci;
import fr.passerelle.territory.TerritoryDirectory;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the administrator's and the officer's registry pages both show, so that both stay alike. The commune and EPCI
 * filters are typed text (a name, a postal or INSEE code, a SIREN, or a suggestion's label), resolved here: the
 * page never lists every commune or EPCI, there are 35,000 of the first.
 */
@Component
class RegistryViews {

    /** An ambiguous name shows at most this many choices. */
    static final int CHOICES = 10;

    private final ChildminderQueries queries;
    private final CommuneDirectory communes;
    private final TerritoryDirectory territory;

    RegistryViews(ChildminderQueries queries, CommuneDirectory communes, TerritoryDirectory territory) {
        this.queries = queries;
        this.communes = communes;
        this.territory = territory;
    }

    /** The session attribute holding the name or agreement number searched: the URL never carries it. */
    static final String SEARCH_ATTRIBUTE = "registrySearch";

    /** Puts the search kept in the session into the filter, whatever the URL says. */
    static void applySearch(RegistryFilter filter, HttpSession session) {
        filter.setQ((String) session.getAttribute(SEARCH_ATTRIBUTE));
    }

    /**
     * The filters posted: the search (a childminder's name) is kept in the session, the others, which name no one,
     * go to the list's URL so that it can be bookmarked and paged.
     */
    static String filter(String base, RegistryFilter filter, boolean reset, HttpSession session) {
        if (reset || filter.getQ() == null) {
            session.removeAttribute(SEARCH_ATTRIBUTE);
        }
        else {
            session.setAttribute(SEARCH_ATTRIBUTE, filter.getQ());
        }
        if (reset) {
            return "redirect:" + base;
        }
        UriComponentsBuilder list = UriComponentsBuilder.fromPath(base);
        Optional.ofNullable(filter.getCommune()).ifPresent(value -> list.queryParam("commune", value));
        Optional.ofNullable(filter.getEpci()).ifPresent(value -> list.queryParam("epci", value));
        Optional.ofNullable(filter.getLabel()).ifPresent(value -> list.queryParam("label", value));
        Optional.ofNullable(filter.getExpiring()).ifPresent(value -> list.queryParam("expiring", value));
        if (filter.getState() != RegistryFilter.State.ACTIVE) {
            list.queryParam("state", filter.getState());
        }
        return "redirect:" + list.encode().build().toUriString();
    }

    /**
     * The list, or, when the commune or the EPCI typed is unknown or ambiguous, only the reason next to its field
     * (and the choices): an unfiltered list under a filter that was not applied would mislead.
     */
    void list(Model model, RegistryFilter filter, String departementCode) {
        String communeCode = null;
        String epciCode = null;
        boolean valid = true;
        if (filter.getCommune() != null) {
            CommuneResolution resolution = communes.resolve(filter.getCommune());
            if (resolution instanceof CommuneResolution.Found found) {
                communeCode = found.commune().inseeCode();
                filter.setCommune(found.commune().label());
            }
            else if (resolution instanceof CommuneResolution.Ambiguous ambiguous) {
                List<Commune> choices = ambiguous.candidates();
                model.addAttribute("communeError", "childminder.list.filter.commune.ambiguous");
                model.addAttribute("communeChoices", choices.subList(0, Math.min(CHOICES, choices.size())));
                valid = false;
            }
            else {
                model.addAttribute("communeError", "childminder.list.filter.commune.unknown");
                valid = false;
            }
        }
        if (filter.getEpci() != null) {
            List<Epci> candidates = territory.resolveEpci(filter.getEpci(), CHOICES);
            if (candidates.size() == 1) {
                epciCode = candidates.get(0).code();
                filter.setEpci(candidates.get(0).label());
            }
            else {
                model.addAttribute("epciError", candidates.isEmpty() ? "childminder.list.filter.epci.unknown"
                        : "childminder.list.filter.epci.ambiguous");
                model.addAttribute("epciChoices", candidates);
                valid = false;
            }
        }
        if (valid) {
            ChildminderQueries.Listing listing = queries.page(filter, communeCode, epciCode, departementCode);
            model.addAttribute("page", listing.page());
            model.addAttribute("capped", listing.capped());
        }
        model.addAttribute("countCap", ChildminderQueries.COUNT_CAP);
        model.addAttribute("labelFilters", RegistryFilter.LabelFilter.values());
        model.addAttribute("states", RegistryFilter.State.values());
    }

    /** The row (404 outside the département) and the label's history. */
    void view(Model model, ChildminderRegistry registry, long id, String departementCode) {
        model.addAttribute("row", queries.row(id, departementCode));
        model.addAttribute("history", registry.history(id));
    }
}
