package fr.passerelle.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request reads its session once. Spring Session's filter reads the session when the request starts and, having saved
 * it at the end, reads it again only to know whether the session asked for is still valid before deciding to send its
 * cookie again (its {@code commitSession}; spring-session#1731): a second select, in a transaction of its own, on every
 * signed-in request. Within one request, that read is answered with the session the request has just saved, under
 * the same id; any other read goes to the database. The answer only decides whether the same cookie is sent again.
 */
@Configuration(proxyBeanMethods = false)
class SessionReadOnce {

    /** The session saved by the request running on this thread, while a request runs ({@link #filter()}). */
    private static final ThreadLocal<SavedSession> SAVED = new ThreadLocal<>();

    private static final class SavedSession {
        private Session session;
    }

    /** Answers a read of the session a request has just saved, and records each save made within a request. */
    static Object intercept(String method, Object[] arguments, Invocation invocation) throws Throwable {
        SavedSession saved = SAVED.get();
        if (saved != null && method.equals("findById") && saved.session != null
                && saved.session.getId().equals(arguments[0])) {
            return saved.session;
        }
        Object result = invocation.proceed();
        if (saved != null && method.equals("save")) {
            saved.session = (Session) arguments[0];
        }
        return result;
    }

    @FunctionalInterface
    interface Invocation {
        Object proceed() throws Throwable;
    }

    /** The repository Spring Session's filter uses, with its reads and saves going through {@link #intercept}. */
    @Bean
    static BeanPostProcessor sessionReadOnceRepository() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JdbcIndexedSessionRepository)) {
                    return bean;
                }
                ProxyFactory proxy = new ProxyFactory(bean);
                // A subclass, so that the bean keeps its type for those who inject JdbcIndexedSessionRepository.
                proxy.setProxyTargetClass(true);
                proxy.addAdvice((MethodInterceptor) call -> intercept(call.getMethod().getName(), call.getArguments(),
                        call::proceed));
                return proxy.getProxy(bean.getClass().getClassLoader());
            }
        };
    }

    /** Around Spring Session's filter: the request's saved session lives as long as the request. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionReadOnceFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    static OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                SAVED.set(new SavedSession());
                try {
                    chain.doFilter(request, response);
                }
                finally {
                    SAVED.remove();
                }
            }
        };
    }
}
