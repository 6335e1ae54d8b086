package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-004: HostConfig.IpcMode == host. */
public final class Iote004HostIpc extends NamespaceRule {
    public Iote004HostIpc() {
        super("IpcMode", "IPC", "IOTE-004", "HostIpcNamespace", HIGH,
                "The module shares host shared memory and IPC objects and can read or corrupt other processes' shared memory.",
                "CIS Docker 1.6.0 5.17", "CKV_K8S_18", "CKV_K8S_3", "KSV-0008", "kubesec HostIPC", "KICS baa3890f");
    }
}
