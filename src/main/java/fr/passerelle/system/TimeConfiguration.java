package fr.passerelle.system;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time is a bean so that deadlines, ages and lockouts can be tested with a fixed clock. Its zone is the territory's
 * (Europe/Paris by default), not the server's: a container in UTC would otherwise change the date an hour early.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    Clock clock(@Value("${passerelle.time-zone:Europe/Paris}") ZoneId zone) {
        return Clock.system(zone);
    }
}
