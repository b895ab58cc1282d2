package fr.passerelle.instances;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import fr.passerelle.PasserelleApplication;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.TestAccounts;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole application instances started in the test's JVM, each a Spring context of its own with its own web server
 * on a random port, as separate processes would be: they share nothing but the database they are given.
 */
final class Instances {

    private Instances() {
    }

    /**
     * Starts one instance on that database. Command-line arguments, so that they win over the test configuration
     * ({@code config/application.yml}), which switches the jobs off.
     */
    static ConfigurableApplicationContext start(String url, String username, String password, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password,
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(PasserelleApplication.class, TestAccounts.class, ReferralFixtures.class)
                .run(args.toArray(String[]::new));
    }

    static URI base(ConfigurableApplicationContext instance) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return URI.create("http://localhost:" + port);
    }
}
