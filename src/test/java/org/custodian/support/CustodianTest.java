package org.custodian.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A full-stack test on a random port against PostgreSQL (embedded, or CUSTODIAN_TEST_DB_URL).
 * All such tests share one application context, so keep their configuration identical. The test's
 * own set-up runs as the system principal ({@link FixturePrincipal}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestSupportConfiguration.class)
@TestExecutionListeners(listeners = FixturePrincipal.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface CustodianTest {
}
