package fr.passerelle.system;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.PropertyValue;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.http.HttpMethod;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.bind.support.WebBindingInitializer;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.InitBinderDataBinderFactory;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

/**
 * Control characters ({@link ControlCharacters}) in what a request sends, handled once for every controller, in the
 * data binder that every form, filter and parameter goes through:
 * <ul>
 * <li>a form posted with one (any non-GET request binding an object) keeps what was typed, without the character,
 * and gets an error on that field ({@code ControlCharacters}, a French message next to it): nothing is saved, since
 * every controller re-renders a form that has errors;</li>
 * <li>filters of a list page (GET) and single parameters ({@code @RequestParam}: search terms, suggestions) lose the
 * character and go on: a search is never refused for it, and PostgreSQL, which refuses NUL in text, never sees one.</li>
 * </ul>
 * The sign-in form, outside Spring MVC, is handled by the account lookup; the CSV import by its parser.
 */
@Configuration(proxyBeanMethods = false)
class InputHygiene {

    @Bean
    WebMvcRegistrations cleanDataBinders() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new RequestMappingHandlerAdapter() {
                    @Override
                    protected InitBinderDataBinderFactory createDataBinderFactory(
                            List<InvocableHandlerMethod> binderMethods) {
                        return new CleanDataBinderFactory(binderMethods, getWebBindingInitializer());
                    }
                };
            }
        };
    }

    private static final class CleanDataBinderFactory extends ServletRequestDataBinderFactory {

        CleanDataBinderFactory(List<InvocableHandlerMethod> binderMethods, WebBindingInitializer initializer) {
            super(binderMethods, initializer);
        }

        @Override
        protected ServletRequestDataBinder createBinderInstance(Object target, String objectName,
                NativeWebRequest request) {
            return new CleanDataBinder(target, objectName);
        }
    }

    static final class CleanDataBinder extends ExtendedServletRequestDataBinder {

        CleanDataBinder(Object target, String objectName) {
            super(target, objectName);
        }

        @Override
        protected void addBindValues(MutablePropertyValues values, ServletRequest request) {
            super.addBindValues(values, request);
            boolean form = request instanceof HttpServletRequest http
                    && !HttpMethod.GET.matches(http.getMethod()) && !HttpMethod.HEAD.matches(http.getMethod());
            for (PropertyValue value : values.getPropertyValues()) {
                Object raw = value.getValue();
                Object clean = clean(raw);
                if (clean == raw) {
                    continue;
                }
                values.add(value.getName(), clean);
                String field = value.getName();
                if (form && getPropertyAccessor().isWritableProperty(field)) {
                    getBindingResult().addError(new FieldError(getObjectName(), field, clean, false,
                            getBindingResult().resolveMessageCodes(ControlCharacters.MESSAGE_CODE, field), null,
                            null));
                }
            }
        }

        @Override
        public <T> T convertIfNecessary(Object value, Class<T> requiredType, MethodParameter methodParam) {
            return super.convertIfNecessary(clean(value), requiredType, methodParam);
        }

        @Override
        public <T> T convertIfNecessary(Object value, Class<T> requiredType, TypeDescriptor typeDescriptor) {
            return super.convertIfNecessary(clean(value), requiredType, typeDescriptor);
        }

        /** The value without control characters; the same instance when it holds none. */
        private static Object clean(Object value) {
            if (value instanceof String text) {
                return ControlCharacters.strip(text);
            }
            if (value instanceof String[] texts && Arrays.stream(texts).anyMatch(ControlCharacters::contains)) {
                return Arrays.stream(texts).map(ControlCharacters::strip).toArray(String[]::new);
            }
            return value;
        }
    }
}
