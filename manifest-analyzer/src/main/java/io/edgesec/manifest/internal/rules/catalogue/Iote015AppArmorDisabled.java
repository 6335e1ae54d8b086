package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-015: apparmor=unconfined. */
public final class Iote015AppArmorDisabled extends SecurityOptRule {
    public Iote015AppArmorDisabled() {
        super("IOTE-015", "AppArmorDisabled", HIGH, "AppArmor disabled",
                "AppArmor confinement (docker-default profile) is disabled for the module.",
                "Remove apparmor=unconfined; use a custom AppArmor profile if needed.",
                "CIS Docker 1.6.0 5.2", "KSV-0002", "kubesec ApparmorUnconfined");
    }

    @Override
    boolean bad(String s) {
        return s.equals("apparmor=unconfined");
    }
}
