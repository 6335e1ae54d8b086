package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-063: secret in createOptions Env. */
public final class Iote063SecretInCreateOptionsEnv extends EnvSecretRule {
    public Iote063SecretInCreateOptionsEnv() {
        super(true, "IOTE-063", "SecretInCreateOptionsEnv", "Secret in createOptions Env",
                "A createOptions Env entry looks like a secret. Literal values are HIGH; placeholders or empty values INFO.",
                "CKV_K8S_35", "kubesec SecretsAsEnvironmentVariables", "DS-0031");
    }
}
