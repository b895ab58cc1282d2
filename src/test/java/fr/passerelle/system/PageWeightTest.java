package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import fr.passerelle.organisation.Role;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * What a phone downloads, measured on the real server (Tomcat, its compression, the application's headers): a first
 * view (page and every asset it links to) and a repeat view (the page again, its assets taken from the browser's
 * cache when their Cache-Control allows it). Static assets carry versioned addresses and a year's max-age; pages,
 * which show personal data, stay no-store.
 */
@BrowserTest
class PageWeightTest {

    static final int FIRST_VIEW_LIMIT = 150 * 1024;
    static final int REPEAT_VIEW_LIMIT = 30 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    TestAccounts accounts;

    @Test
    void theLoginPageIsLightOnFirstAndRepeatViews() throws Exception {
        Client client = new Client();

        Weight weight = client.measure("/login");

        assertThat(weight.first()).as("first view of /login").isLessThan(FIRST_VIEW_LIMIT);
        assertThat(weight.repeat()).as("repeat view of /login").isLessThan(REPEAT_VIEW_LIMIT);
    }

    @ParameterizedTest
    // /statistics draws its charts with Chart.js (70 KB compressed): the heaviest first view.
    @ValueSource(strings = {"/advisor", "/advisor/referrals", "/advisor/referrals/new", "/advisor/referrals?page=0",
        "/statistics"})
    void signedInPagesAreLightOnFirstAndRepeatViews(String path) throws Exception {
        Client client = new Client();
        client.signIn(accounts.create(Role.ADVISOR));

        Weight weight = client.measure(path);

        assertThat(weight.first()).as("first view of " + path).isLessThan(FIRST_VIEW_LIMIT);
        assertThat(weight.repeat()).as("repeat view of " + path).isLessThan(REPEAT_VIEW_LIMIT);
    }

    @Test
    void oneFilterAloneVersionsTheLinksToAssets(@Autowired List<FilterRegistrationBean<?>> filters) {
        // Spring Boot's own ResourceUrlEncodingFilter beside the application's would resolve every link again.
        assertThat(filters).map(FilterRegistrationBean::getFilter)
                .filteredOn(filter -> filter instanceof ResourceUrlEncodingFilter)
                .singleElement().isInstanceOf(AssetUrlFilter.class);
    }

    @Test
    void pagesAreCompressedAndNeverStoredWhileAssetsAreVersionedAndCachedForAYear() throws Exception {
        Client client = new Client();
        client.signIn(accounts.create(Role.ADVISOR));

        HttpResponse<byte[]> page = client.get("/advisor/referrals");
        assertThat(page.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        Document html = Jsoup.parse(Client.text(page));
        List<String> assets = Client.assets(html);
        assertThat(assets).anyMatch(url -> url.matches("/webjars/bootstrap/\\d[^/]*/css/bootstrap\\.min\\.css"))
                .anyMatch(url -> url.matches("/webjars/htmx\\.org/\\d[^/]*/dist/htmx\\.min\\.js"))
                .anyMatch(url -> url.matches("/css/app-[0-9a-f]{32}\\.css"))
                .anyMatch(url -> url.matches("/js/app-[0-9a-f]{32}\\.js"));
        for (String asset : assets) {
            HttpResponse<byte[]> answer = client.get(asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).as(asset)
                    .contains("max-age=").doesNotContain("no-store");
            if (asset.endsWith(".css") || asset.endsWith(".js")) {
                assertThat(answer.headers().firstValue("Content-Encoding")).as(asset).contains("gzip");
                assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).as(asset)
                        .contains("max-age=31536000");
            }
        }
    }

    /** Bytes on the wire: the headers as sent and the body as sent (compressed). */
    record Weight(long first, long repeat) {
    }

    /** A browser without its cache: cookies, gzip, and the list of what it downloads. */
    final class Client {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Weight measure(String path) throws IOException, InterruptedException {
            HttpResponse<byte[]> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            long first = size(page);
            long repeat = size(page);
            for (String asset : assets(Jsoup.parse(text(page)))) {
                HttpResponse<byte[]> answer = get(asset);
                first += size(answer);
                String cache = answer.headers().firstValue("Cache-Control").orElse("");
                if (!cache.contains("max-age=") || cache.contains("no-store") || cache.contains("no-cache")) {
                    repeat += size(answer);
                }
            }
            repeat = repeat - size(page) + size(get(path));
            System.out.printf("Page weight %s: first view %.1f KB, repeat view %.1f KB%n", path, first / 1024.0,
                    repeat / 1024.0);
            return new Weight(first, repeat);
        }

        void signIn(Account account) throws IOException, InterruptedException {
            Document login = Jsoup.parse(text(get("/login")));
            String csrf = login.selectFirst("input[name=_csrf]").val();
            String form = "username=" + account.username() + "&password=" + account.password() + "&_csrf=" + csrf;
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
        }

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Encoding", "gzip")
                    .header("Accept", "text/html,*/*").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        static long size(HttpResponse<byte[]> answer) {
            long headers = 0;
            for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
                for (String value : header.getValue()) {
                    headers += header.getKey().length() + value.length() + 4;
                }
            }
            return headers + answer.body().length;
        }

        static String text(HttpResponse<byte[]> answer) throws IOException {
            byte[] body = answer.body();
            if (answer.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The style sheets, scripts and icon a page makes the browser download. */
        static List<String> assets(Document page) {
            Set<String> urls = new LinkedHashSet<>();
            page.select("link[rel=stylesheet][href], link[rel=icon][href]").forEach(link -> urls.add(link.attr("href")));
            page.select("script[src]").forEach(script -> urls.add(script.attr("src")));
            return new ArrayList<>(urls);
        }
    }
}
