package io.edgesec.collector.audit.internal.events;

/**
 * AUDIT_ARCH values (linux/audit.h: EM_* | 64BIT 0x80000000 | LE 0x40000000) with the syscall
 * numbers this collector needs. Syscall numbers differ per architecture: execve is 59 on x86_64,
 * 221 on aarch64 and riscv64, 11 on arm and i386. An IoT agent meets ARM first.
 */
public enum Arch {
    X86_64(0xC000003EL, "b64", new int[][] {{59, 0}, {322, 1}, {41, 2}, {49, 3}, {42, 4}, {43, 5}, {288, 6}, {44, 7}, {46, 8}, {175, 10}, {176, 11}, {313, 12}}),
    I386(0x40000003L, "b32", new int[][] {{11, 0}, {358, 1}, {359, 2}, {361, 3}, {362, 4}, {364, 6}, {369, 7}, {370, 8}, {102, 9}, {128, 10}, {129, 11}, {350, 12}}),
    AARCH64(0xC00000B7L, "b64", new int[][] {{221, 0}, {281, 1}, {198, 2}, {200, 3}, {203, 4}, {202, 5}, {242, 6}, {206, 7}, {211, 8}, {105, 10}, {106, 11}, {273, 12}}),
    ARM(0x40000028L, "b32", new int[][] {{11, 0}, {387, 1}, {281, 2}, {282, 3}, {283, 4}, {285, 5}, {366, 6}, {290, 7}, {296, 8}, {128, 10}, {129, 11}, {379, 12}}),
    RISCV64(0xC00000F3L, "b64", AARCH64.table()),
    PPC64LE(0xC0000015L, "b64", new int[][] {{11, 0}, {362, 1}, {326, 2}, {327, 3}, {328, 4}, {330, 5}, {344, 6}, {335, 7}, {341, 8}, {102, 9}, {128, 10}, {129, 11}, {353, 12}}),
    PPC64(0x80000015L, "b64", PPC64LE.table()),
    PPC(0x00000014L, "b32", PPC64LE.table()),
    S390X(0x80000016L, "b64", new int[][] {{11, 0}, {354, 1}, {359, 2}, {361, 3}, {362, 4}, {364, 6}, {369, 7}, {370, 8}, {102, 9}, {128, 10}, {129, 11}, {344, 12}}),
    MIPS(0x00000008L, "b32", new int[][] {{4011, 0}, {4356, 1}, {4183, 2}, {4169, 3}, {4170, 4}, {4168, 5}, {4334, 6}, {4180, 7}, {4179, 8}, {4128, 10}, {4129, 11}, {4348, 12}}),
    MIPSEL(0x40000008L, "b32", MIPS.table());

    private static final Syscall[] ORDER = {
        Syscall.EXECVE, Syscall.EXECVEAT, Syscall.SOCKET, Syscall.BIND, Syscall.CONNECT,
        Syscall.ACCEPT, Syscall.ACCEPT4, Syscall.SENDTO, Syscall.SENDMSG, Syscall.SOCKETCALL,
        Syscall.INIT_MODULE, Syscall.DELETE_MODULE, Syscall.FINIT_MODULE};
    private static final long LE = 0x40000000L;
    private static final Arch[] ALL = values(); // a scan of eleven: no boxed key per SYSCALL record

    public final long value;
    /** The auditctl {@code -F arch=} word for this ABI. */
    public final String auditctlArch;
    private final int[][] table;

    Arch(long value, String auditctlArch, int[][] table) {
        this.value = value;
        this.auditctlArch = auditctlArch;
        this.table = table;
    }

    private int[][] table() {
        return table;
    }

    /** @return the architecture of an AUDIT_ARCH value (SYSCALL {@code arch=}), or null */
    public static Arch of(long auditArch) {
        for (Arch a : ALL) {
            if (a.value == auditArch) {
                return a;
            }
        }
        return null;
    }

    /** @return the syscall of that number on this architecture, or OTHER */
    public Syscall syscall(long number) {
        for (int[] row : table) {
            if (row[0] == number) {
                return ORDER[row[1]];
            }
        }
        return Syscall.OTHER;
    }

    /**
     * Whether multi-byte values in raw kernel structures (the sockaddr family) are little-endian.
     * Unknown values fall back to the LE bit of AUDIT_ARCH.
     */
    public static boolean isLittleEndian(long auditArch) {
        return (auditArch & LE) != 0;
    }
}
