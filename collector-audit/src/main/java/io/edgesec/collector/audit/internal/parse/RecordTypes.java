package io.edgesec.collector.audit.internal.parse;

import java.nio.charset.StandardCharsets;

/**
 * Maps the {@code type=} name of a raw record to its code without allocating: a small
 * open-addressing table over the bytes of the names from libaudit.h. Unknown names (and
 * {@code UNKNOWN[1334]}) get code from the brackets or 0.
 */
public final class RecordTypes {
    public static final int USER_AUTH = 1100, USER_ACCT = 1101, USER_MGMT = 1102, CRED_ACQ = 1103,
            USER_CHAUTHTOK = 1108, USER_ERR = 1109, USER_LOGIN = 1112, USER_LOGOUT = 1113,
            ADD_USER = 1114, DEL_USER = 1115, ADD_GROUP = 1116, DEL_GROUP = 1117, CHGRP_ID = 1119,
            USER_CMD = 1123, CHUSER_ID = 1125, GRP_MGMT = 1132, GRP_CHAUTHTOK = 1133,
            ACCT_LOCK = 1135, ACCT_UNLOCK = 1136, LOGIN = 1006,
            SYSCALL = 1300, PATH = 1302, SOCKETCALL = 1304, CONFIG_CHANGE = 1305, SOCKADDR = 1306, CWD = 1307,
            EXECVE = 1309, EOE = 1320, PROCTITLE = 1327, KERN_MODULE = 1330, KERNEL = 2000, ANOM_LOGIN_FAILURES = 2100;

    private static final Object[][] KNOWN = {
        {1006, "LOGIN"}, {1100, "USER_AUTH"}, {1101, "USER_ACCT"}, {1102, "USER_MGMT"},
        {1103, "CRED_ACQ"}, {1104, "CRED_DISP"}, {1105, "USER_START"}, {1106, "USER_END"},
        {1107, "USER_AVC"}, {1108, "USER_CHAUTHTOK"}, {1109, "USER_ERR"}, {1110, "CRED_REFR"},
        {1111, "USYS_CONFIG"}, {1112, "USER_LOGIN"}, {1113, "USER_LOGOUT"}, {1114, "ADD_USER"},
        {1115, "DEL_USER"}, {1116, "ADD_GROUP"}, {1117, "DEL_GROUP"}, {1118, "DAC_CHECK"},
        {1119, "CHGRP_ID"}, {1120, "TEST"}, {1121, "TRUSTED_APP"}, {1122, "USER_SELINUX_ERR"},
        {1123, "USER_CMD"}, {1124, "USER_TTY"}, {1125, "CHUSER_ID"}, {1126, "GRP_AUTH"},
        {1127, "SYSTEM_BOOT"}, {1128, "SYSTEM_SHUTDOWN"}, {1129, "SYSTEM_RUNLEVEL"},
        {1130, "SERVICE_START"}, {1131, "SERVICE_STOP"}, {1132, "GRP_MGMT"},
        {1133, "GRP_CHAUTHTOK"}, {1134, "MAC_CHECK"}, {1135, "ACCT_LOCK"}, {1136, "ACCT_UNLOCK"},
        {1137, "USER_DEVICE"}, {1138, "SOFTWARE_UPDATE"},
        {1200, "DAEMON_START"}, {1201, "DAEMON_END"}, {1202, "DAEMON_ABORT"},
        {1203, "DAEMON_CONFIG"}, {1204, "DAEMON_RECONFIG"}, {1205, "DAEMON_ROTATE"},
        {1206, "DAEMON_RESUME"}, {1207, "DAEMON_ACCEPT"}, {1208, "DAEMON_CLOSE"}, {1209, "DAEMON_ERR"},
        {1300, "SYSCALL"}, {1301, "FS_WATCH"}, {1302, "PATH"}, {1303, "IPC"}, {1304, "SOCKETCALL"},
        {1305, "CONFIG_CHANGE"}, {1306, "SOCKADDR"}, {1307, "CWD"}, {1309, "EXECVE"},
        {1311, "IPC_SET_PERM"}, {1312, "MQ_OPEN"}, {1313, "MQ_SENDRECV"}, {1314, "MQ_NOTIFY"},
        {1315, "MQ_GETSETATTR"}, {1316, "KERNEL_OTHER"}, {1317, "FD_PAIR"}, {1318, "OBJ_PID"},
        {1319, "TTY"}, {1320, "EOE"}, {1321, "BPRM_FCAPS"}, {1322, "CAPSET"}, {1323, "MMAP"},
        {1324, "NETFILTER_PKT"}, {1325, "NETFILTER_CFG"}, {1326, "SECCOMP"}, {1327, "PROCTITLE"},
        {1328, "FEATURE_CHANGE"}, {1329, "REPLACE"}, {1330, "KERN_MODULE"}, {1331, "FANOTIFY"},
        {1332, "TIME_INJOFFSET"}, {1333, "TIME_ADJNTPVAL"}, {1334, "BPF"}, {1335, "EVENT_LISTENER"},
        {1336, "URINGOP"}, {1337, "OPENAT2"}, {1338, "DM_CTRL"}, {1339, "DM_EVENT"},
        {1400, "AVC"}, {1401, "SELINUX_ERR"}, {1402, "AVC_PATH"}, {1403, "MAC_POLICY_LOAD"},
        {1404, "MAC_STATUS"}, {1405, "MAC_CONFIG_CHANGE"}, {1406, "MAC_UNLBL_ALLOW"},
        {1415, "MAC_IPSEC_EVENT"}, {1420, "MAC_TASK_CONTEXTS"},
        {1700, "ANOM_PROMISCUOUS"}, {1701, "ANOM_ABEND"}, {1702, "ANOM_LINK"}, {1703, "ANOM_CREAT"},
        {1800, "INTEGRITY_DATA"}, {1801, "INTEGRITY_METADATA"}, {1802, "INTEGRITY_STATUS"},
        {1803, "INTEGRITY_HASH"}, {1804, "INTEGRITY_PCR"}, {1805, "INTEGRITY_RULE"},
        {1806, "INTEGRITY_EVM_XATTR"}, {1807, "INTEGRITY_POLICY_RULE"},
        {2000, "KERNEL"}, {2100, "ANOM_LOGIN_FAILURES"}, {2101, "ANOM_LOGIN_TIME"},
        {2102, "ANOM_LOGIN_SESSIONS"}, {2103, "ANOM_LOGIN_ACCT"}, {2104, "ANOM_LOGIN_LOCATION"},
        {2105, "ANOM_MAX_DAC"}, {2106, "ANOM_MAX_MAC"}, {2107, "ANOM_AMTU_FAIL"},
        {2108, "ANOM_RBAC_FAIL"}, {2109, "ANOM_RBAC_INTEGRITY_FAIL"}, {2110, "ANOM_CRYPTO_FAIL"},
        {2111, "ANOM_ACCESS_FS"}, {2112, "ANOM_EXEC"}, {2113, "ANOM_MK_EXEC"}, {2114, "ANOM_ADD_ACCT"},
        {2115, "ANOM_DEL_ACCT"}, {2116, "ANOM_MOD_ACCT"}, {2117, "ANOM_ROOT_TRANS"},
        {2118, "ANOM_LOGIN_SERVICE"}, {2119, "ANOM_LOGIN_ROOT"}, {2120, "ANOM_ORIGIN_FAILURES"},
        {2121, "ANOM_SESSION"}, {2200, "RESP_ANOMALY"}, {2300, "USER_ROLE_CHANGE"},
        {2309, "ROLE_ASSIGN"}, {2310, "ROLE_REMOVE"}, {2400, "LABEL_OVERRIDE"},
        {2404, "CRYPTO_KEY_USER"}, {2405, "CRYPTO_FAILURE_USER"}, {2402, "CRYPTO_SESSION"},
        {2500, "VIRT_CONTROL"}, {2501, "VIRT_RESOURCE"}, {2502, "VIRT_MACHINE_ID"},
        {2503, "VIRT_INTEGRITY_CHECK"}, {2504, "VIRT_CREATE"}, {2505, "VIRT_DESTROY"},
        {2506, "VIRT_MIGRATE_IN"}, {2507, "VIRT_MIGRATE_OUT"},
    };

    private static final int SLOTS = 512; // power of two, > 2 x KNOWN.length
    private static final byte[][] NAMES = new byte[SLOTS][];
    private static final RecordType[] TYPES = new RecordType[SLOTS];
    private static final RecordType[] BY_CODE = new RecordType[2600];

    static {
        for (Object[] k : KNOWN) {
            RecordType t = new RecordType((Integer) k[0], (String) k[1]);
            byte[] b = t.name.getBytes(StandardCharsets.US_ASCII);
            int i = hash(b, 0, b.length) & (SLOTS - 1);
            while (NAMES[i] != null) {
                i = (i + 1) & (SLOTS - 1);
            }
            NAMES[i] = b;
            TYPES[i] = t;
            BY_CODE[t.code] = t;
        }
    }

    private RecordTypes() {
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 7);
    }

    /** @return the type whose name is {@code b[from..to)}; an unknown name gets a new instance */
    public static RecordType lookup(byte[] b, int from, int to) {
        int i = hash(b, from, to) & (SLOTS - 1);
        int len = to - from;
        while (NAMES[i] != null) {
            byte[] n = NAMES[i];
            if (n.length == len && java.util.Arrays.equals(n, 0, len, b, from, to)) {
                return TYPES[i];
            }
            i = (i + 1) & (SLOTS - 1);
        }
        String name = new String(b, from, len, StandardCharsets.ISO_8859_1);
        return new RecordType(unknownCode(name), name);
    }

    /** @return the type with this code, or null if libaudit.h names it and we do not */
    public static RecordType byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    // auditd writes types it cannot name as UNKNOWN[1334]
    private static int unknownCode(String name) {
        int open = name.indexOf('[');
        int close = name.indexOf(']');
        if (name.startsWith("UNKNOWN") && open > 0 && close > open + 1) {
            try {
                return Integer.parseInt(name.substring(open + 1, close));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
