package io.edgesec.aggregator.internal;

import io.edgesec.api.event.SecurityEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The benchmarks' way to serialize an event afresh: agent-api's package-private
 * {@code EventJson.event}, what {@code toUtf8()}/{@code utf8Size()} cost the first time (the
 * event then caches it). Through a method handle (a class path allows it), not a class in
 * agent-api's package: bnd would export that package from this jar.
 */
final class EventJsonAccess {
    private static final MethodHandle EVENT = handle();

    private EventJsonAccess() {
    }

    static byte[] utf8(SecurityEvent e) {
        try {
            return (byte[]) EVENT.invokeExact(e);
        } catch (RuntimeException | Error x) {
            throw x;
        } catch (Throwable x) {
            throw new IllegalStateException(x);
        }
    }

    private static MethodHandle handle() {
        try {
            Method m = Class.forName("io.edgesec.api.event.EventJson").getDeclaredMethod("event", SecurityEvent.class);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(byte[].class, SecurityEvent.class));
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("agent-api's EventJson.event is not there", x);
        }
    }
}
