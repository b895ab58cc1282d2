package fr.passerelle.routing.queue;

import java.util.List;

import fr.passerelle.system.Pages;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

/** A page of a list read with SQL: the rows of the page asked for, or of the last one when it is beyond. */
public final class SqlPages {

    /** Reads the rows of one page. */
    public interface Rows<T> {
        List<T> read(int limit, long offset);
    }

    /**
     * @param page zero-based, as asked for (clamped by {@link Pages#within})
     * @param total the rows of the whole list, counted first
     */
    public static <T> Page<T> page(int page, int size, long total, Rows<T> rows) {
        int safePage = Pages.within(page, total, size);
        return new PageImpl<>(rows.read(size, (long) safePage * size), PageRequest.of(safePage, size), total);
    }

    private SqlPages() {
    }
}
