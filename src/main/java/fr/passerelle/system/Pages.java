package fr.passerelle.system;

import java.util.function.Function;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * Page numbers typed into a URL are clamped, never an error: below 0 is the first page, beyond the last is the
 * last. {@link #MAX_PAGE} keeps {@code page × size} an int (JPA offsets are ints) whatever was typed.
 */
public final class Pages {

    /** Far beyond any real list. */
    public static final int MAX_PAGE = 100_000;

    private Pages() {
    }

    /** A page number as bound from the URL, within 0 and {@link #MAX_PAGE}. */
    public static int clamp(int page) {
        return Math.max(0, Math.min(page, MAX_PAGE));
    }

    /** The requested page, or the last one when the list is shorter (the first when it is empty). */
    public static int within(int page, long total, int size) {
        int clamped = clamp(page);
        long last = total == 0 ? 0 : (total - 1) / size;
        return (int) Math.min(clamped, last);
    }

    /**
     * Runs a paged query; when the page asked for is beyond the last, runs it again for the last page, so that the
     * list shows rows and says which page they are.
     */
    public static <T> Page<T> orLast(PageRequest request, Function<PageRequest, Page<T>> query) {
        PageRequest clamped = request.withPage(clamp(request.getPageNumber()));
        Page<T> page = query.apply(clamped);
        if (page.getContent().isEmpty() && page.getTotalElements() > 0 && clamped.getPageNumber() > 0) {
            return query.apply(clamped.withPage(within(clamped.getPageNumber(), page.getTotalElements(),
                    clamped.getPageSize())));
        }
        return page;
    }
}
