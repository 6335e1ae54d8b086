package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-003: HostConfig.PidMode == host. */
public final class Iote003HostPid extends NamespaceRule {
    public Iote003HostPid() {
        super("PidMode", "PID", "IOTE-003", "HostPidNamespace", HIGH,
                "The module sees and can signal every process on the host, including the IoT Edge daemons.",
                "CIS Docker 1.6.0 5.16", "CKV_K8S_17", "CKV_K8S_1", "KSV-0010", "kubesec HostPID", "KICS 4f31dd9f");
    }
}
