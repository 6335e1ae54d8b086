package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-062: secret in module env. */
public final class Iote062SecretInModuleEnv extends EnvSecretRule {
    public Iote062SecretInModuleEnv() {
        super(false, "IOTE-062", "SecretInModuleEnv", "Secret in module env",
                "A module env variable looks like a secret (name or value: password, key, token, SAS, connection string, PEM, JWT). Literal values are HIGH; placeholders or empty slots INFO.",
                "CKV_K8S_35", "kubesec SecretsAsEnvironmentVariables", "hadolint DL3064", "DS-0031");
    }
}
