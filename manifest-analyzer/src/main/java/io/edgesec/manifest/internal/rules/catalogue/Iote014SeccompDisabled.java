package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-014: seccomp=unconfined. */
public final class Iote014SeccompDisabled extends SecurityOptRule {
    public Iote014SeccompDisabled() {
        super("IOTE-014", "SeccompDisabled", HIGH, "Seccomp disabled",
                "The default seccomp profile blocks dangerous system calls; unconfined removes that protection.",
                "Remove seccomp=unconfined; use a custom profile if a specific system call is needed.",
                "CIS Docker 1.6.0 5.22", "KSV-0104", "CKV_K8S_31", "kubesec SeccompUnconfined", "KICS 404fde2c");
    }

    @Override
    boolean bad(String s) {
        return s.equals("seccomp=unconfined");
    }
}
