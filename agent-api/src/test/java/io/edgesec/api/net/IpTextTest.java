package io.edgesec.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpTextTest {
    @Test
    void ipv6TextIsRfc5952() {
        assertEquals("::", IpText.ipv6(new byte[16], 0));
        byte[] b = new byte[16];
        b[15] = 1;
        assertEquals("::1", IpText.ipv6(b, 0));
        b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x01;
        b[5] = 1; // 2001:0:1:0:0:0:0:0 -> longest zero run compressed
        assertEquals("2001:0:1::", IpText.ipv6(b, 0));
        b = new byte[16];
        b[1] = 1;
        b[7] = 1;
        b[15] = 1; // 1:0:0:1:0:0:0:1 -> the longer run, not the first
        assertEquals("1:0:0:1::1", IpText.ipv6(b, 0));
        b = new byte[16];
        b[1] = 1;
        b[7] = 1;
        b[13] = 1; // 1:0:0:1:0:0:1:0 -> equal runs: the first
        assertEquals("1::1:0:0:1:0", IpText.ipv6(b, 0));
        b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) 0xab;
        }
        assertEquals("abab:abab:abab:abab:abab:abab:abab:abab", IpText.ipv6(b, 0));
    }

    @Test
    void atAnOffsetAndMapped() {
        byte[] b = new byte[20];
        b[4 + 10] = (byte) 0xff;
        b[4 + 11] = (byte) 0xff;
        b[4 + 12] = 10;
        b[4 + 13] = 1;
        b[4 + 14] = 2;
        b[4 + 15] = 3;
        assertEquals("::ffff:10.1.2.3", IpText.ipv6(b, 4));
        assertEquals("10.1.2.3", IpText.unmapped(IpText.ipv6(b, 4)));
        assertEquals("10.1.2.3", IpText.ipv4(b, 16));
        assertEquals("2001:db8::1", IpText.unmapped("2001:db8::1"));
        assertEquals("::ffff:0:1", IpText.unmapped("::ffff:0:1"), "not a mapped IPv4 text");
    }

    @Test
    void randomAddressesRoundTripThroughInetAddress() throws Exception {
        Random r = new Random(7);
        for (int n = 0; n < 5000; n++) {
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) {
                b[i] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : 0;
            }
            String text = IpText.ipv6(b, 0);
            assertEquals(InetAddress.getByAddress(b), InetAddress.getByName(text), text);
        }
    }
}
