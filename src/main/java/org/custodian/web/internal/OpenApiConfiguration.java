package org.custodian.web.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description: what it is, that every call needs a staff account (HTTP Basic), and its areas. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI custodianOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Custodian API")
                        .description("Health information management: patients, charts, coding, release of information, retention, "
                                + "audit log, staff; and the FHIR R4 interface under /fhir/r4. "
                                + "Every call is authorised by permission and audited; errors are RFC 9457 problem details.")
                        .version("0.1")
                        .license(new License().name("Open source")))
                .components(new Components().addSecuritySchemes("staff",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("staff"));
    }

    /**
     * Swagger UI groups operations by tag. Controllers tag themselves with HIM words; these areas
     * are named here by their paths so that no group is left with a class's name.
     */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer areaTags() {
        java.util.Map<String, String[]> areas = new java.util.LinkedHashMap<>();
        areas.put("/api/staff", new String[] {"Staff", "Staff accounts, roles and sign-in settings."});
        areas.put("/api/credentials", new String[] {"Credentials and continuing education",
                "Staff certifications (RHIA, RHIT, CCS, ...) and their continuing education units."});
        areas.put("/api/interface", new String[] {"HL7 v2 interface", "Messages received over MLLP: status, errors and replay."});
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> areas.forEach((prefix, tag) -> {
                if (path.startsWith(prefix)) {
                    item.readOperations().forEach(op -> {
                        if (op.getTags() == null || op.getTags().stream().allMatch(t -> t.endsWith("-controller"))) {
                            op.setTags(java.util.List.of(tag[0]));
                        }
                    });
                    if (openApi.getTags() == null || openApi.getTags().stream().noneMatch(t -> t.getName().equals(tag[0]))) {
                        openApi.addTagsItem(new io.swagger.v3.oas.models.tags.Tag().name(tag[0]).description(tag[1]));
                    }
                }
            }));
            if (openApi.getTags() != null) {
                openApi.getTags().removeIf(t -> t.getName().endsWith("-controller"));
            }
        };
    }
}
