package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-016: label=disable or a custom SELinux type. */
public final class Iote016SelinuxDisabled extends SecurityOptRule {
    public Iote016SelinuxDisabled() {
        super("IOTE-016", "SelinuxDisabled", MEDIUM, "SELinux disabled or custom label",
                "SELinux labelling is disabled, or the module runs with a custom (possibly privileged) SELinux type.",
                "Remove label=disable / label=type:...; keep the default container_t confinement.",
                "CIS Docker 1.6.0 5.3", "KSV-0025");
    }

    @Override
    boolean bad(String s) {
        return s.equals("label=disable") || s.startsWith("label=type:");
    }
}
