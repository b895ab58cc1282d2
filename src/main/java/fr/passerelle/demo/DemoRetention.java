package fr.passerelle.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Referrals finished more than 24 months ago and old drafts ({@code demo/retention.sql}, loaded once), so that the
 * administrators' data protection page shows what the retention job will do. Before the statistics history is
 * computed ({@link DemoStatisticsHistory}), which then counts them too.
 */
@Component
@Profile("demo")
@Order(4)
class DemoRetention implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRetention.class);

    private final JdbcTemplate jdbc;

    DemoRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            jdbc.execute(new ClassPathResource("demo/retention.sql").getContentAsString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        log.info("Demo retention data loaded");
    }
}
