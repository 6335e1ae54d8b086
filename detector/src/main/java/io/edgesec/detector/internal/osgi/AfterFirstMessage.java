package io.edgesec.detector.internal.osgi;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

/**
 * Whether the agent's first message is out: the aggregator registers a service with
 * {@code edgesec.milestone=first-message} once a transport accepted it. The detector compiles
 * its rules after that, not while the first message is being made: at start-up both cores are
 * busy until it is out, and the rules cost tens of ms of CPU (bench/RESULTS.md, startup-lowfirst).
 */
final class AfterFirstMessage implements ServiceListener {
    static final String FILTER = "(edgesec.milestone=first-message)";
    private final CountDownLatch out = new CountDownLatch(1);
    private final BundleContext context;

    AfterFirstMessage(BundleContext context) {
        this.context = context;
        try {
            context.addServiceListener(this, FILTER);
            if (context.getServiceReferences((String) null, FILTER) != null) {
                open(); // sent before this bundle started (a detector update, a restart of its bundle)
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            open(); // the bundle is stopping already: nothing to wait for
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            open();
        }
    }

    /** Ends the wait now (the detector stops, or the first message is out). */
    void open() {
        out.countDown();
    }

    /** Waits until the first message is out, {@link #open()} or {@code maxMillis}, whichever comes first. */
    void await(long maxMillis) {
        try {
            out.await(maxMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                context.removeServiceListener(this);
            } catch (IllegalStateException e) {
                // the bundle stopped meanwhile: its listeners are gone with it
            }
        }
    }
}
