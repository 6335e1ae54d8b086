package io.edgesec.collector.system.internal.accounts;

import java.util.List;

/**
 * One local account: passwd fields, its groups (primary first) and the state of its password;
 * never the hash itself.
 */
public record Account(String name, long uid, long gid, String home, String shell, List<Long> groupIds,
        List<String> groupNames, PasswordState passwordState) {
}
