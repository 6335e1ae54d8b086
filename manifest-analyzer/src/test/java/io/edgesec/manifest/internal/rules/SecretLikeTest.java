package io.edgesec.manifest.internal.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which name/value pairs count as secrets (IOTE-062, 063, 065). */
class SecretLikeTest {

    @ParameterizedTest
    @CsvSource({
        "password, hunter2",
        "aadServicePrincipalSecret, abc123xyz",
        "sasKey, abc",
        "storageConnectionString, x",
        // a secret-looking value is a secret whatever its name
        "tokenPath, HostName=h;SharedAccessKey=abc=",
        "comment, -----BEGIN PRIVATE KEY-----",
    })
    void secrets(String name, String value) {
        assertTrue(Checks.secretLike(name, value), name + "=" + value);
    }

    @ParameterizedTest
    @CsvSource({
        // edgesec's own deployment: where the passwd file is, not a password
        "passwdPath, /host/etc/passwd",
        "keyFile, /etc/aziot/key.pem",
        "tokenUrl, https://login.example/token",
        "secretName, my-kv-secret",
        "aadTenantId, abc123xyz",
    })
    void notSecrets(String name, String value) {
        assertFalse(Checks.secretLike(name, value), name + "=" + value);
    }
}
