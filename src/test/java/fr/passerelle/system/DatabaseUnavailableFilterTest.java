package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import fr.passerelle.support.IntegrationTest;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;

/**
 * The database may fail after a page was rendered and flushed (the session store writes the session then, and once
 * more when the request ends): the page "service momentarily unavailable" still replaces it, since nothing of the
 * page was sent.
 */
@IntegrationTest
class DatabaseUnavailableFilterTest {

    @Autowired
    ITemplateEngine templates;

    @Autowired
    LocaleResolver locales;

    @Test
    void aPageRenderedAndFlushedBeforeTheDatabaseFailsIsReplacedByTheUnavailablePage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain renderThenFail = (request, servletResponse) -> {
            PrintWriter writer = servletResponse.getWriter();
            writer.write("<p>Orientation à compléter, élément à vérifier</p>".repeat(600));
            writer.flush();
            servletResponse.flushBuffer();
            throw new CannotCreateTransactionException("the session's save after the page was flushed");
        };

        filter().doFilter(new MockHttpServletRequest("GET", "/advisor/referrals/new"), response, renderThenFail);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("Service momentanément indisponible")
                .doesNotContain("Orientation à compléter");
    }

    @Test
    void aDownloadLongerThanTheBufferIsSentAsItIsWrittenAndAFailureAfterItsStartIsRethrown() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        byte[] rows = "1;2;3\n".repeat(40_000).getBytes(StandardCharsets.UTF_8);
        FilterChain downloadThenFail = (request, servletResponse) -> {
            servletResponse.getOutputStream().write(rows);
            throw new CannotCreateTransactionException("the database stopped during the export");
        };

        assertThatThrownBy(() -> filter().doFilter(new MockHttpServletRequest("GET", "/statistics/export.csv"),
                response, downloadThenFail)).isInstanceOf(CannotCreateTransactionException.class);
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aPageIsHeldBackUntilTheRequestEnds() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain render = (request, servletResponse) -> {
            servletResponse.getWriter().write("<p>Page</p>".repeat(5_000));
            servletResponse.getWriter().flush();
            assertThat(servletResponse.isCommitted()).as("flushed by the template, not sent").isFalse();
        };

        filter().doFilter(new MockHttpServletRequest("GET", "/advisor"), response, render);

        assertThat(response.getBufferSize()).isEqualTo(DatabaseUnavailableFilter.HELD_BACK_BYTES);
        assertThat(response.getContentAsString()).hasSize("<p>Page</p>".length() * 5_000);
    }

    private DatabaseUnavailableFilter filter() {
        return new DatabaseUnavailableFilter(templates, locales);
    }
}
