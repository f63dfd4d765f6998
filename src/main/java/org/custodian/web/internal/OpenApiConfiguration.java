package org.custodian.web.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description: what it is, and that every call needs a staff account (HTTP Basic). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI custodianOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Custodian API")
                        .description("Health information management: patients, charts, audit log, staff. "
                                + "Every call is authorised by permission and audited; errors are RFC 9457 problem details.")
                        .version("0.1")
                        .license(new License().name("Open source")))
                .components(new Components().addSecuritySchemes("staff",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("staff"));
    }
}
