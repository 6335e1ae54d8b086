package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandArgsTest {
    private final AtomicInteger helpShown = new AtomicInteger();

    @Test
    void readsArgumentsAndValuesInOrder() {
        CommandArgs in = new CommandArgs(new String[] {"--root", "--help", "file", "--format"}, helpShown::incrementAndGet);
        assertEquals("--root", in.next());
        assertEquals("--help", in.value(), "an option's value is taken as it is");
        assertEquals("file", in.next());
        assertEquals("--format", in.next());
        assertNull(in.value(), "an option given last has no value");
        assertNull(in.next());
        assertFalse(in.helpShown());
        assertEquals(0, helpShown.get());
    }

    @Test
    void helpShowsTheUsageOnceAndEndsTheReading() {
        for (String help : new String[] {"--help", "-h"}) {
            helpShown.set(0);
            CommandArgs in = new CommandArgs(new String[] {"--root", "/", help, "--bogus"}, helpShown::incrementAndGet);
            assertEquals("--root", in.next());
            assertEquals("/", in.value());
            assertNull(in.next());
            assertNull(in.next(), "nothing after --help is read");
            assertTrue(in.helpShown());
            assertEquals(1, helpShown.get());
        }
    }

    @Test
    void helpWithAValueIsAnArgumentLikeAnyOther() {
        CommandArgs in = new CommandArgs(new String[] {"--help=x"}, helpShown::incrementAndGet);
        assertEquals("--help=x", in.next());
        assertFalse(in.helpShown());
    }
}
