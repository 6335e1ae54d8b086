package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-006: HostConfig.UsernsMode == host. */
public final class Iote006HostUserns extends NamespaceRule {
    public Iote006HostUserns() {
        super("UsernsMode", "user", "IOTE-006", "HostUserNamespace", MEDIUM,
                "User-namespace remapping is disabled for the module: root in the container is root on the host.",
                "CIS Docker 1.6.0 5.31", "KICS 8af7162d", "kubesec HostUsers");
    }
}
