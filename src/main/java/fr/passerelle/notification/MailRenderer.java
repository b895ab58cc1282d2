package fr.passerelle.notification;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Lays out a {@link Mail} as its HTML and text parts with the Thymeleaf templates {@code notification/mail/message.*}.
 * Its own template engine (not a bean, so Spring Boot's engine for the pages stays as configured): text templates
 * need Thymeleaf's TEXT mode, pages its HTML mode.
 */
@Component
class MailRenderer {

    private static final String TEMPLATES = "templates/notification/mail/";

    /** The two parts of an email. */
    record Rendered(String subject, String text, String html) {
    }

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailRenderer(MessageSource messages) {
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    Rendered render(Mail mail, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("mail", mail);
        return new Rendered(mail.subject(), engine.process("message-text", context),
                engine.process("message-html", context));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(TEMPLATES);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        return resolver;
    }
}
