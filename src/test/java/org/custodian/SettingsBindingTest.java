package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.custodian.audit.internal.AuditSettings;
import org.custodian.cdi.internal.CdiSettings;
import org.custodian.completion.internal.CompletionSettings;
import org.custodian.disclosure.internal.DisclosureSettings;
import org.custodian.interop.internal.fhir.FhirExportSettings;
import org.custodian.monitoring.internal.MonitoringSettings;
import org.custodian.privacy.SingleSignOnSettings;
import org.custodian.privacy.internal.ApiSettings;
import org.custodian.privacy.internal.PrivacySettings;
import org.custodian.privacy.internal.SecuritySettings;
import org.custodian.retention.internal.RetentionSettings;
import org.custodian.staff.internal.SignInSettings;
import org.custodian.staff.internal.StaffSettings;
import org.custodian.web.internal.SessionSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The settings records bind the property names operators' files use, with their defaults in one place (the
 * record), and a bad value stops the start naming the key — as Spring Boot binds them (relaxed names, the
 * records' {@code @DefaultValue}s, their {@code @Validated} constraints).
 */
class SettingsBindingTest {

    private static final SpringValidatorAdapter VALIDATOR =
            new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());

    static <T> T bind(Class<T> type, Map<String, String> properties) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(prefix, Bindable.of(type), new ValidationBindHandler(VALIDATOR));
    }

    static <T> T defaults(Class<T> type) {
        return bind(type, Map.of());
    }

    @Test
    void everyRecordBindsItsDefaultsFromNothing() {
        CustodianSettings custodian = defaults(CustodianSettings.class);
        assertThat(custodian.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(custodian.dataDir()).isEqualTo("./data");
        assertThat(custodian.events().retryInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(custodian).isEqualTo(CustodianSettings.defaults());
        DatabaseSettings db = defaults(DatabaseSettings.class);
        assertThat(db.poolSize()).isEqualTo(10);
        assertThat(db.appRole()).isEqualTo("custodian_app");
        assertThat(db.embedded()).isTrue();
        assertThat(defaults(DatabaseSettings.MigrationLogin.class).user()).isEmpty();
        assertThat(defaults(AuditSettings.class).maxBatch()).isEqualTo(5000);
        assertThat(defaults(AuditSettings.class).checkpoints().everyEvents()).isEqualTo(10_000);
        assertThat(defaults(AuditSettings.class).checkpoints().checkEvery()).isEqualTo(Duration.ofMinutes(1));
        CdiSettings cdi = defaults(CdiSettings.class);
        assertThat(cdi.followUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(cdi.closeAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(cdi.physicianAdvisor()).isNull();
        assertThat(cdi.retrospectiveDays()).isEqualTo(120);
        assertThat(defaults(CompletionSettings.class).escalationTime()).isEqualTo(LocalTime.of(6, 0));
        assertThat(defaults(FhirExportSettings.class).partSize()).isEqualTo(1000);
        assertThat(defaults(MonitoringSettings.class).grace()).isEqualTo(Duration.ofHours(72));
        assertThat(defaults(MonitoringSettings.class).batch()).isEqualTo(20_000);
        assertThat(defaults(RetentionSettings.class).jurisdiction()).isEqualTo("US");
        SignInSettings signIn = defaults(SignInSettings.class);
        assertThat(signIn.maxFailedLogins()).isEqualTo(5);
        assertThat(signIn.lockout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(signIn.secondFactor().requiredRoles()).isEqualTo("phi-readers");
        assertThat(signIn.secondFactor().issuer()).isEqualTo("Custodian");
        assertThat(defaults(StaffSettings.class).certificateMaxBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(defaults(StaffSettings.Admin.class).bootstrap()).isTrue();
        SecuritySettings security = defaults(SecuritySettings.class);
        assertThat(security.bcryptStrength()).isEqualTo(10);
        assertThat(security.audit().refusalsPerAddress()).isEqualTo(20);
        ApiSettings api = defaults(ApiSettings.class);
        assertThat(api.maxBody()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(api.tokens().audience()).isEqualTo("custodian-api");
        assertThat(defaults(ApiSettings.Multipart.class).maxRequestSize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(defaults(PrivacySettings.class).breakGlassDuration()).isEqualTo(Duration.ofHours(4));
        assertThat(defaults(SingleSignOnSettings.class).enabled()).isFalse();
        assertThat(defaults(SingleSignOnSettings.class).usernameClaim()).isEqualTo("preferred_username");
        assertThat(defaults(SessionSettings.class).timeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void operatorsKeysOverrideTheDefaults() {
        CustodianSettings custodian = bind(CustodianSettings.class, Map.of("custodian.zone", "America/Chicago",
                "custodian.organization", "General Hospital", "custodian.base-url", "https://him.example.org/",
                "custodian.allowed-hosts", "him.internal", "custodian.events.retry-interval", "0"));
        assertThat(custodian.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(custodian.publicBaseUrl()).isEqualTo("https://him.example.org");
        assertThat(custodian.allowsHost("HIM.internal")).isTrue();
        assertThat(custodian.allowsHost("localhost")).isFalse();
        assertThat(custodian.events().retryInterval()).isZero();
        assertThat(bind(DatabaseSettings.class, Map.of("custodian.db.pool-size", "25", "custodian.db.url",
                "jdbc:postgresql://db/him")).embedded()).isFalse();
        assertThat(bind(AuditSettings.class, Map.of("custodian.audit.checkpoints.every-events", "500"))
                .checkpoints().everyEvents()).isEqualTo(500);
        assertThat(bind(CdiSettings.class, Map.of("custodian.cdi.physician-advisor", "42", "custodian.cdi.close-after", "10d")))
                .extracting(CdiSettings::physicianAdvisor, CdiSettings::closeAfter).containsExactly(42L, Duration.ofDays(10));
        assertThat(bind(CompletionSettings.class, Map.of("custodian.completion.escalation-time", "07:30")).escalationTime())
                .isEqualTo(LocalTime.of(7, 30));
        assertThat(bind(SignInSettings.class, Map.of("custodian.security.second-factor.required-roles", "none",
                "custodian.security.throttle-base", "30s")).throttleBase()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bind(SecuritySettings.class, Map.of("custodian.security.audit.refusal-window", "3s"))
                .audit().refusalWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(bind(ApiSettings.class, Map.of("custodian.api.max-body-fhir-import", "128MB",
                "custodian.api.tokens.issuer", "https://issuer.example")).tokens().issuer()).isEqualTo("https://issuer.example");
        assertThat(bind(MonitoringSettings.class, Map.of("custodian.monitoring.grace", "PT1H")).grace()).isEqualTo(Duration.ofHours(1));
        assertThat(bind(RetentionSettings.class, Map.of("custodian.retention.jurisdiction", "CA")).jurisdiction()).isEqualTo("CA");
        assertThat(bind(FhirExportSettings.class, Map.of("custodian.fhir.export.part-size", "20")).partSize()).isEqualTo(20);
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> bind(DatabaseSettings.class, Map.of("custodian.db.pool-size", "0")))
                .isInstanceOf(BindException.class).hasMessageContaining("custodian.db");
        assertThatThrownBy(() -> bind(DatabaseSettings.class, Map.of("custodian.db.app-role", "Robert'); drop table")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(CustodianSettings.class, Map.of("custodian.zone", "Mars/Olympus_Mons")))
                .isInstanceOf(BindException.class).hasMessageContaining("custodian.zone");
        assertThatThrownBy(() -> bind(SecuritySettings.class, Map.of("custodian.security.bcrypt-strength", "3")))
                .isInstanceOf(BindException.class).hasMessageContaining("custodian.security");
        assertThatThrownBy(() -> bind(CdiSettings.class, Map.of("custodian.cdi.escalate-after", "-1h")))
                .isInstanceOf(BindException.class).hasMessageContaining("custodian.cdi");
        assertThatThrownBy(() -> bind(CompletionSettings.class, Map.of("custodian.completion.escalation-time", "6am")))
                .isInstanceOf(BindException.class).hasMessageContaining("custodian.completion.escalation-time");
        assertThatThrownBy(() -> bind(FhirExportSettings.class, Map.of("custodian.fhir.export.part-size", "0")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(SignInSettings.class, Map.of("custodian.security.max-failed-logins", "0")))
                .isInstanceOf(BindException.class);
    }

    /** One default for the organization's name: access reports, destruction certificates and release packets. */
    @Test
    void theOrganizationHasOneDefaultThatPacketsFollowUnlessAFacilityIsNamed() {
        CustodianSettings custodian = bind(CustodianSettings.class, Map.of("custodian.organization", "General Hospital"));
        assertThat(defaults(CustodianSettings.class).organization()).isEqualTo(CustodianSettings.DEFAULT_ORGANIZATION);
        assertThat(new DisclosureSettings().getFacility()).isEqualTo(CustodianSettings.DEFAULT_ORGANIZATION);
        assertThat(custodian.organization()).isEqualTo("General Hospital");
    }
}
