package fr.passerelle.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test's application context at the shared {@link TestDatabase}, and its mail at {@link TestMailServer}. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Connection connection = TestDatabase.connection();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", Map.of(
                "spring.datasource.url", connection.url(),
                "spring.datasource.username", connection.username(),
                "spring.datasource.password", connection.password(),
                "spring.mail.host", TestMailServer.HOST,
                "spring.mail.port", Integer.toString(TestMailServer.port()))));
    }
}
