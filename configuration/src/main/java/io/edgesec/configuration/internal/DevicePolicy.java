package io.edgesec.configuration.internal;

import java.util.List;

/**
 * The line between device policy and remote configuration: which PIDs a twin update may touch,
 * and which settings only the local configuration may change. {@value DevicePolicyConfig#PID}
 * itself is always local only, whatever its own configuration says.
 */
final class DevicePolicy {
    private final List<String> twinPids;
    private final List<String> localOnly;

    DevicePolicy(String[] twinPids, String[] localOnly) {
        this.twinPids = twinPids == null ? List.of() : List.of(twinPids);
        this.localOnly = localOnly == null ? List.of() : List.of(localOnly);
    }

    static DevicePolicy of(DevicePolicyConfig config) {
        return new DevicePolicy(config.twinPids(), config.localOnly());
    }

    /** The built-in policy (the metatype defaults), used until the local configuration sets one. */
    static DevicePolicy defaults() {
        return of(Defaults.INSTANCE);
    }

    /** @return whether the twin may configure this PID at all */
    boolean twinMayConfigure(String pid) {
        if (isLocalOnly(pid, null)) {
            return false;
        }
        for (String pattern : twinPids) {
            if (matches(pattern.trim(), pid)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether this property (or, with a null property, the whole PID) is set only locally */
    boolean isLocalOnly(String pid, String property) {
        if (DevicePolicyConfig.PID.equals(pid)) {
            return true;
        }
        for (String entry : localOnly) {
            String e = entry.trim();
            int slash = e.indexOf('/');
            if (slash < 0 ? matches(e, pid) : property != null && matches(e.substring(0, slash), pid)
                    && e.substring(slash + 1).equals(property)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String pid) {
        if (pattern.equals("*")) {
            return true;
        }
        return pattern.endsWith("*") ? pid.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(pid);
    }

    /** The annotation's defaults, as an instance (the same values the metatype declares). */
    private static final class Defaults {
        static final DevicePolicyConfig INSTANCE = (DevicePolicyConfig) java.lang.reflect.Proxy.newProxyInstance(
                DevicePolicyConfig.class.getClassLoader(), new Class<?>[] {DevicePolicyConfig.class}, (proxy, method, args) -> {
                    Object d = method.getDefaultValue();
                    if (d != null) {
                        return d;
                    }
                    if (method.getName().equals("annotationType")) {
                        return DevicePolicyConfig.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
