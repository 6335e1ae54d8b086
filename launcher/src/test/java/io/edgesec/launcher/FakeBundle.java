package io.edgesec.launcher;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** A bundle that is only a name, headers and what its start does: for start-order tests without bundle jars. */
final class FakeBundle {
    /** What a fake bundle's start does. */
    interface StartAction {
        void run() throws Exception;
    }

    private FakeBundle() {
    }

    static Bundle of(String bsn, StartAction onStart) {
        return of(bsn, null, onStart);
    }

    static Bundle of(String bsn, String provideCapability, StartAction onStart) {
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put("Bundle-SymbolicName", bsn);
        if (provideCapability != null) {
            headers.put("Provide-Capability", provideCapability);
        }
        int[] state = {Bundle.RESOLVED};
        return (Bundle) Proxy.newProxyInstance(FakeBundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "getSymbolicName":
                    return bsn;
                case "getHeaders":
                    return headers;
                case "getState":
                    synchronized (state) {
                        return state[0];
                    }
                case "start":
                    try {
                        onStart.run();
                    } catch (BundleException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new BundleException("fake start failed", e);
                    }
                    synchronized (state) {
                        state[0] = Bundle.ACTIVE;
                    }
                    return null;
                case "toString":
                    return "fake " + bsn;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        });
    }
}
