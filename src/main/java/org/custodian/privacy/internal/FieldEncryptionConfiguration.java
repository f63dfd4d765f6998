package org.custodian.privacy.internal;

import org.custodian.privacy.FieldEncryption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's data keys and the column encryption that uses them (also in the CLI: it reads patients too). */
@Configuration(proxyBeanMethods = false)
class FieldEncryptionConfiguration {

    @Bean
    FieldEncryption fieldEncryption(@Value("${custodian.security.data-key:}") String key,
                                    @Value("${custodian.security.data-key-file:${custodian.data-dir:./data}/keys/data-aes256.key}") String keyFile,
                                    @Value("${custodian.security.data-key-previous:}") String previous,
                                    @Value("${custodian.data-dir:}") String dataDir) {
        return new AesGcmFieldEncryption(new DataKeys(key, keyFile, previous, dataDir));
    }
}
