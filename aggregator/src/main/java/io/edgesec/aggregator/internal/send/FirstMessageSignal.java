package io.edgesec.aggregator.internal.send;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Tells whoever waits for it that the agent's first message was delivered: a service with no
 * behaviour, registered then, under {@code java.lang.Object} with the property
 * {@value #PROPERTY}={@value #VALUE} (only java.* types: the launcher, outside the framework,
 * waits for it by that filter and starts the bundles the first message did not need, so that
 * they do not compete with it for the CPU).
 */
public final class FirstMessageSignal {
    public static final String PROPERTY = "edgesec.milestone";
    public static final String VALUE = "first-message";

    private final BundleContext context;
    private ServiceRegistration<?> registration;
    private boolean closed;

    public FirstMessageSignal(BundleContext context) {
        this.context = context;
    }

    /** The first message was delivered (once; ignored after {@link #close()}). */
    public synchronized void sent() {
        if (closed || registration != null) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PROPERTY, VALUE);
        try {
            registration = context.registerService(Object.class.getName(), new Object(), props);
        } catch (IllegalStateException e) {
            // the bundle is stopping: nobody needs to know any more
        }
    }

    public synchronized void close() {
        closed = true;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }
}
