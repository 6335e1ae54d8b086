package io.edgesec.collector.audit.internal.events;

/** The syscalls this collector turns into events, independent of architecture. */
public enum Syscall {
    EXECVE, EXECVEAT, SOCKET, BIND, CONNECT, ACCEPT, ACCEPT4, SENDTO, SENDMSG, SOCKETCALL,
    INIT_MODULE, DELETE_MODULE, FINIT_MODULE, OTHER;

    /** @return true for init_module, finit_module, delete_module */
    public boolean module() {
        return this == INIT_MODULE || this == DELETE_MODULE || this == FINIT_MODULE;
    }

    /**
     * @return true if the mapper does something with this call (an event, or socket state);
     *         SOCKETCALL is a multiplexer whose real call is only known from its first argument
     */
    public boolean mapped() {
        switch (this) {
            case EXECVE, EXECVEAT, SOCKET, BIND, CONNECT, ACCEPT, ACCEPT4, SOCKETCALL, INIT_MODULE, DELETE_MODULE, FINIT_MODULE:
                return true;
            default:
                return false;
        }
    }

    /** @return the syscall named as in the ENRICHED {@code SYSCALL=} field or auditctl, or OTHER */
    public static Syscall byName(String name) {
        if (name == null) {
            return OTHER;
        }
        switch (name) {
            case "execve": return EXECVE;
            case "execveat": return EXECVEAT;
            case "socket": return SOCKET;
            case "bind": return BIND;
            case "connect": return CONNECT;
            case "accept": return ACCEPT;
            case "accept4": return ACCEPT4;
            case "sendto": return SENDTO;
            case "sendmsg": return SENDMSG;
            case "socketcall": return SOCKETCALL;
            case "init_module": return INIT_MODULE;
            case "delete_module": return DELETE_MODULE;
            case "finit_module": return FINIT_MODULE;
            default: return OTHER;
        }
    }

    /**
     * i386, arm OABI, ppc and s390 multiplex the socket calls through socketcall(2); its first
     * argument (SYSCALL {@code a0}) is the call number of linux/net.h.
     */
    public static Syscall socketcall(long call) {
        switch ((int) call) {
            case 1: return SOCKET;
            case 2: return BIND;
            case 3: return CONNECT;
            case 5: return ACCEPT;
            case 11: return SENDTO;
            case 16: return SENDMSG;
            case 18: return ACCEPT4;
            default: return OTHER;
        }
    }
}
