package io.edgesec.api.event;

import java.util.TimeZone;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that set the JVM's default time zone (local timestamps depend on it): puts back the
 * zone found before each test, so no later test in the same JVM runs in a zone it did not choose.
 */
final class RestoresDefaultTimeZone implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(RestoresDefaultTimeZone.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(HERE).put("zone", TimeZone.getDefault());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TimeZone.setDefault(context.getStore(HERE).get("zone", TimeZone.class));
    }
}
