package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-005: HostConfig.UTSMode == host. */
public final class Iote005HostUts extends NamespaceRule {
    public Iote005HostUts() {
        super("UTSMode", "UTS", "IOTE-005", "HostUtsNamespace", MEDIUM,
                "The module shares the host's hostname and domain name and can change them.",
                "CIS Docker 1.6.0 5.21");
    }
}
