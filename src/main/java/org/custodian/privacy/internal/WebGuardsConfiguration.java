package org.custodian.privacy.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Authorization before the body is read, and the body's size limit (issue 22, finding 5). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebGuardsConfiguration implements WebMvcConfigurer {

    private final RequestBodyLimits limits;

    WebGuardsConfiguration(RequestBodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionBeforeBody(limits)).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimitFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(limits.streamFilter());
        registration.addUrlPatterns("/api/*", "/fhir/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10); // after Spring Security: authentication first
        return registration;
    }
}
