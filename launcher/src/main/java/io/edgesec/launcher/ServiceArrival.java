package io.edgesec.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Waits for a service to be registered, woken by the framework's service event rather than by
 * polling, so start-up goes on the moment it arrives. By class name and through
 * {@code getAllServiceReferences}: the launcher has its own copy of agent-api's classes (for
 * --config), so a class-space checked lookup would hide the framework's services from it.
 */
final class ServiceArrival {
    private ServiceArrival() {
    }

    /**
     * @param filter an LDAP filter on the service's properties, or null
     * @return a reference once registered, or null when {@code waitMillis} passed first
     */
    static ServiceReference<?> await(BundleContext context, String objectClass, String filter, long waitMillis)
            throws InterruptedException {
        String full = "(&(" + Constants.OBJECTCLASS + "=" + objectClass + ")" + (filter == null ? "" : filter) + ")";
        CountDownLatch arrived = new CountDownLatch(1);
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                arrived.countDown();
            }
        };
        try {
            // listen first, then look: a registration between the two is not missed
            context.addServiceListener(listener, full);
            ServiceReference<?> ref = first(context, objectClass, filter);
            if (ref == null && arrived.await(waitMillis, TimeUnit.MILLISECONDS)) {
                ref = first(context, objectClass, filter);
            }
            return ref;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad service filter " + full, e);
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private static ServiceReference<?> first(BundleContext context, String objectClass, String filter) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getAllServiceReferences(objectClass, filter);
        return refs == null ? null : refs[0];
    }
}
