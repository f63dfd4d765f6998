package org.custodian.privacy.internal;

import org.custodian.privacy.FieldEncryption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's data keys and the column encryption that uses them (also in the CLI: it reads patients too). */
@Configuration(proxyBeanMethods = false)
class FieldEncryptionConfiguration {

    @Bean
    FieldEncryption fieldEncryption(SecuritySettings security, org.custodian.CustodianSettings custodian) {
        return new AesGcmFieldEncryption(new DataKeys(security.dataKey(), security.dataKeyFile(custodian.dataDir()),
                security.dataKeyPrevious(), custodian.dataDir()));
    }
}
