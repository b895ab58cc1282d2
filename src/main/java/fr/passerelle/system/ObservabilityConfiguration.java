package fr.passerelle.system;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;

/**
 * The two outermost filters, in front of the session store (Spring Session's filter, order
 * {@code Integer.MIN_VALUE + 50}) and Spring Security: the request id first, so that every line logged while serving
 * the request carries it, then the database-unavailable page.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ITemplateEngine templates,
            LocaleResolver locales) {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
                new DatabaseUnavailableFilter(templates, locales));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }
}
