package io.edgesec.collector.process.internal.ports;

/** One row of /proc/net/{tcp,tcp6,udp,udp6}. */
public record SocketEntry(String protocol, String localAddress, int localPort, String remoteAddress, int remotePort,
        int state, long inode) {

    static final int TCP_LISTEN = 0x0A;
    static final int UDP_UNCONNECTED = 0x07;

    /**
     * A TCP socket in LISTEN, or a UDP socket that is bound but not connected (state 07 with a
     * zero remote): the Azure agents reported every socket whatever its state.
     */
    public boolean isListening() {
        if (protocol.startsWith("tcp")) {
            return state == TCP_LISTEN;
        }
        return state == UDP_UNCONNECTED && remotePort == 0 && isUnspecified(remoteAddress);
    }

    private static boolean isUnspecified(String address) {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }
}
