package fr.passerelle.organisation;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AccountWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PasswordChangeRequiredInterceptor())
                .excludePathPatterns(PasswordChangeRequiredInterceptor.PASSWORD_PAGE, "/login", "/logout", "/error",
                        "/webjars/**", "/css/**", "/js/**", "/images/**", "/favicon.*", "/actuator/**");
    }
}
