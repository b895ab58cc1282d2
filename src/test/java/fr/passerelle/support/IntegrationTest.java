package fr.passerelle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import fr.passerelle.referral.ReferralFixtures;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on the shared test PostgreSQL, with MockMvc, the {@link TestAccounts} and
 * {@link ReferralFixtures} mothers and the {@link SqlStatementCounter}; sessions in PostgreSQL, as in production,
 * carried from one MockMvc request to the next in a {@code MockHttpSession} ({@link MockMvcSessionIds}). Every integration test imports the same
 * beans, so that they all share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({TestAccounts.class, ReferralFixtures.class, SqlStatementCounter.class, SqlPlanRecorder.class,
        MockMvcSessionIds.class})
public @interface IntegrationTest {
}
