package org.custodian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;

/**
 * For bench/load.sh: an RSA key of a test issuer (its public half for the server's
 * custodian.api.tokens.public-key) and RS256 bearer tokens as API clients hold, each with the scopes
 * given. Usage: LoadTokens DIR ISSUER FILE=SCOPES... (scopes space separated). Writes DIR/issuer.pem
 * and DIR/FILE per token.
 */
public final class LoadTokens {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        Files.writeString(dir.resolve("issuer.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        for (int i = 2; i < args.length; i++) {
            String file = args[i].substring(0, args[i].indexOf('='));
            String scopes = args[i].substring(args[i].indexOf('=') + 1);
            Files.writeString(dir.resolve(file), token(keys, args[1], file, scopes));
        }
    }

    private static String token(KeyPair keys, String issuer, String client, String scopes) throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuer).audience("custodian-api").subject("load-" + client)
                        .claim("client_id", "load-" + client).claim("scope", scopes).issueTime(new Date())
                        .expirationTime(new Date(System.currentTimeMillis() + 4 * 3_600_000L)).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }
}
