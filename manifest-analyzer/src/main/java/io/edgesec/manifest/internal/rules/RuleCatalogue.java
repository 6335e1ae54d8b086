package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.rules.catalogue.*;
import java.util.List;

/**
 * The rule catalogue of reference section 2, IOTE-001..IOTE-084. IDs are stable public IDs
 * (SARIF ruleId): a rule may be added, never renumbered.
 */
public final class RuleCatalogue {
    private static final List<Rule> ALL = List.of(
            new Iote001PrivilegedModule(),
            new Iote002HostNetwork(),
            new Iote003HostPid(),
            new Iote004HostIpc(),
            new Iote005HostUts(),
            new Iote006HostUserns(),
            new Iote007JoinsContainerNamespace(),
            new Iote008CgroupNotDefault(),
            new Iote009DangerousCapability(),
            new Iote010NonDefaultCapability(),
            new Iote011NetRawAdded(),
            new Iote012CapabilitiesNotDropped(),
            new Iote013NoNewPrivilegesNotSet(),
            new Iote014SeccompDisabled(),
            new Iote015AppArmorDisabled(),
            new Iote016SelinuxDisabled(),
            new Iote017MaskedPathsRemoved(),
            new Iote018UnsafeSysctl(),
            new Iote019RunsAsRoot(),
            new Iote020WritableRootFilesystem(),
            new Iote021UnusualRuntime(),
            new Iote030DockerSocketMounted(),
            new Iote031IotEdgeSecretsMounted(),
            new Iote032SensitiveHostDirectory(),
            new Iote033HostBindMount(),
            new Iote034SharedMountPropagation(),
            new Iote035HostDevice(),
            new Iote036WildcardDeviceCgroupRule(),
            new Iote037PortOnAllInterfaces(),
            new Iote038PrivilegedHostPort(),
            new Iote039RiskyServicePort(),
            new Iote040NoMemoryLimit(),
            new Iote041NoCpuLimit(),
            new Iote042NoPidsLimit(),
            new Iote043OomKillDisabled(),
            new Iote044UlimitsOverridden(),
            new Iote045DockerRestartPolicy(),
            new Iote046HealthcheckDisabled(),
            new Iote047UnboundedLogs(),
            new Iote050LatestTag(),
            new Iote051MutableTag(),
            new Iote052DebugImage(),
            new Iote053OutOfSupportRuntime(),
            new Iote054UntrustedRegistry(),
            new Iote055InsecureRegistry(),
            new Iote056ImagePullNever(),
            new Iote060PlaintextRegistryPassword(),
            new Iote061AcrAdminCredentials(),
            new Iote062SecretInModuleEnv(),
            new Iote063SecretInCreateOptionsEnv(),
            new Iote064IotHubOwnerConnectionString(),
            new Iote065SecretInModuleTwin(),
            new Iote070EdgeHubOldTls(),
            new Iote071EdgeHubCloudAuthentication(),
            new Iote072ModuleSecurityDisabled(),
            new Iote073BroadMqttAuthorization(),
            new Iote074LongMessageTtl(),
            new Iote075UnusedProtocolHeads(),
            new Iote076UnsupportedSchemaVersion(),
            new Iote077InvalidCreateOptions(),
            new Iote078NonStrictJson(),
            new Iote079DuplicateSecurityKey(),
            new Iote080MisplacedSecurityField(),
            new Iote081EdgeHubStatusRestart(),
            new Iote082ManifestNotSigned(),
            new Iote083SystemStorageNotPersisted(),
            new Iote084PlaceholderInSecurityPosition()
    );

    private RuleCatalogue() {
    }

    /** @return every rule, in ID order */
    public static List<Rule> all() {
        return ALL;
    }

    /** @return the rule with this ID, or null */
    public static Rule byId(String id) {
        for (Rule r : ALL) {
            if (r.info().id().equalsIgnoreCase(id)) {
                return r;
            }
        }
        return null;
    }
}
