package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Durations;
import com.microsoft.azure.sdk.iot.device.Message;
import io.edgesec.api.bundles.BundleManagement;
import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.api.transport.MessageTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The IoT Edge hub transport. When the agent runs as an IoT Edge module (or a connection string
 * is configured) it keeps a connection to the hub, registers itself as the
 * {@link MessageTransport} named {@code edgehub} with ranking 100 (above the local file
 * transport), and bridges the module twin to the configuration. Without either it registers
 * nothing, and the file transport carries the messages.
 *
 * <p>Each message is one SDK message: the UTF-8 JSON envelope, marked as a security message
 * (interface id {@code urn:azureiot:Security:SecurityAgent:1}), content type
 * {@code application/json}, encoding {@code utf-8}, with the application properties
 * {@code MessagePriority} ({@code High}/{@code Low}) and, when the twin sets it,
 * {@code HubResourceId}. {@link #send} returns only once the hub acknowledged it.
 */
@Component(service = {}, immediate = true, configurationPid = EdgeHubConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EdgeHubConfig.class)
public class EdgeHubTransport implements MessageTransport {
    private static final Logger LOG = Logger.getLogger(EdgeHubTransport.class.getName());
    static final String NAME = "edgehub";
    static final int RANKING = 100;
    static final String AGGREGATOR_PID = "io.edgesec.aggregator";
    static final String PRIORITY_PROPERTY = "MessagePriority";
    static final String HUB_RESOURCE_ID_PROPERTY = "HubResourceId";
    /** The longest HubResourceId put into a message (the aggregator's metatype allows no more). */
    static final int MAX_HUB_RESOURCE_ID = 1024;

    /** Changed in place by {@link #modified}. */
    private volatile Duration sendTimeout;
    private final Supplier<String> hubResourceId;
    private final ConfigurationApplier applier;
    private final Supplier<BundleManagement> manager;
    private final Map<String, String> env;
    /** The connection and what hangs on it; replaced by {@link #modified} when its settings change. */
    private volatile Session session;
    /** Null outside OSGi (tests); then nothing is registered. */
    private BundleContext context;
    private volatile ConfigurationAdmin configAdmin;
    /**
     * The bundle-manager bundle's service, to which the twin's bundles section goes. Dynamic, so
     * that a reconfigured (re-activated) bundle manager does not take the hub connection down
     * with it; null while there is none.
     */
    private volatile BundleManagement bundleManagement;
    /** ConfigurationError events for twin updates the bridge refuses itself; null while there is none. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TwinEvents twinEvents;
    private ServiceRegistration<MessageTransport> registration;

    /**
     * One hub connection, the twin bridge and health reporter on it, made from one
     * configuration; all null but the settings when no hub is configured.
     */
    private record Session(ConnectionSettings settings, HubClientSource source, HubConnection connection, TwinBridge bridge,
            HealthReporter health) {
        void close() {
            if (health != null) {
                health.close();
            }
            if (connection != null) {
                connection.close();
            }
            if (bridge != null) {
                bridge.close();
            }
        }
    }

    @Activate
    public EdgeHubTransport(BundleContext context, EdgeHubConfig config, @Reference ConfigurationApplier applier) {
        this(config, applier, null, System.getenv(), null);
        this.context = context;
        session = withHealth(session);
        register();
    }

    /** Offers the transport while a hub is configured, withdraws it while none is. */
    private synchronized void register() {
        boolean offered = session.source() != null;
        if (offered && registration == null && context != null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(MessageTransport.NAME, NAME);
            props.put(Constants.SERVICE_RANKING, RANKING);
            registration = context.registerService(MessageTransport.class, this, props);
        } else if (!offered) {
            unregister();
        }
    }

    private synchronized void unregister() {
        ServiceRegistration<MessageTransport> r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    /** {@code s} with a health reporter (OSGi only: it needs the data directory). */
    private Session withHealth(Session s) {
        String data = context == null ? null : context.getProperty("edgesec.data.dir");
        if (s.source() == null || s.bridge() == null || data == null) {
            return s;
        }
        HubConnection c = s.connection();
        HealthReporter h = new HealthReporter(java.nio.file.Path.of(data), c::report, c::isConnected);
        h.start();
        return new Session(s.settings(), s.source(), c, s.bridge(), h);
    }

    /**
     * @param env           the process environment (System.getenv() in production; the SDK reads
     *                      that itself in IoT Edge)
     * @param hubResourceId the HubResourceId to send, or null to read it from ConfigAdmin
     */
    EdgeHubTransport(EdgeHubConfig config, ConfigurationApplier applier, BundleManagement bundles, Map<String, String> env,
            Supplier<String> hubResourceId) {
        this.sendTimeout = Durations.parse(config.sendTimeout(), Duration.ofSeconds(60), LOG);
        this.hubResourceId = hubResourceId != null ? hubResourceId : this::hubResourceIdFromConfiguration;
        this.applier = applier;
        this.env = env;
        this.manager = bundles != null ? () -> bundles : () -> bundleManagement;
        this.session = open(config);
    }

    /** A session for {@code config}: connecting (on its own thread) if a hub is configured. */
    private Session open(EdgeHubConfig config) {
        ConnectionSettings settings = ConnectionSettings.of(config);
        HubClientSource source = HubClientSource.choose(env, config);
        if (source == null) {
            LOG.info("no IoT Edge environment and no connection string (" + EdgeHubConfig.PID
                    + "): the edgehub transport is not offered; messages go to the local transport");
            return new Session(settings, null, null, null, null);
        }
        HubConnection[] holder = new HubConnection[1];
        TwinBridge bridge = config.twinEnabled() ? new TwinBridge(applier, manager, reported -> holder[0].report(reported),
                (name, type, message, version) -> {
                    TwinEvents events = twinEvents;
                    if (events != null) {
                        events.configurationError(name, type, message, version);
                    }
                }, () -> holder[0].refreshTwin()) : null;
        HubConnection connection = new HubConnection(source,
                Durations.parse(config.reconnectMinBackoff(), Duration.ofSeconds(1), LOG),
                Durations.parse(config.reconnectMaxBackoff(), Duration.ofMinutes(2), LOG),
                sendTimeout, config.twinEnabled(), bridge != null ? bridge : NO_TWIN);
        holder[0] = connection;
        LOG.info("edgehub transport: sending through " + source.describe());
        connection.start();
        return new Session(settings, source, connection, bridge, null);
    }

    /** The settings a hub connection is made from; the others change in place. */
    record ConnectionSettings(String connectionString, String protocol, String trustBundleFile, boolean twinEnabled,
            String reconnectMinBackoff, String reconnectMaxBackoff) {
        static ConnectionSettings of(EdgeHubConfig c) {
            return new ConnectionSettings(c.connectionString(), c.protocol(), c.trustBundleFile(), c.twinEnabled(),
                    c.reconnectMinBackoff(), c.reconnectMaxBackoff());
        }
    }

    /**
     * A configuration change (the twin's or a local one). One that leaves the connection's
     * settings alone (the send timeout; or nothing at all, as when a whole document is applied
     * again) changes in place: no reconnect, the transport stays registered. One that concerns
     * the connection closes it and opens a new one (the old one first: the hub takes one
     * connection per identity); the transport stays registered while a hub is configured, and
     * its sends fail (events stay queued) until the new connection is up.
     */
    @Modified
    void modified(EdgeHubConfig config) {
        Duration timeout = Durations.parse(config.sendTimeout(), Duration.ofSeconds(60), LOG);
        sendTimeout = timeout;
        Session old = session;
        if (ConnectionSettings.of(config).equals(old.settings())) {
            if (old.connection() != null) {
                old.connection().operationTimeout(timeout);
            }
            return;
        }
        LOG.info("edgehub transport: the connection's settings changed; connecting anew");
        old.close();
        session = withHealth(open(config));
        register();
    }

    /** @return the send timeout in force */
    Duration sendTimeout() {
        return sendTimeout;
    }

    private static final HubConnection.Listener NO_TWIN = new HubConnection.Listener() {
        @Override
        public void connected(Map<String, Object> desired, Integer version) {
        }

        @Override
        public void desiredPatch(Map<String, Object> patch, Integer version) {
        }

        @Override
        public void unparseablePatch(Integer version, String where) {
        }
    };

    /** @return whether a hub is configured (IoT Edge environment or connection string) */
    boolean offered() {
        return session.source() != null;
    }

    HubConnection connection() {
        return session.connection();
    }

    TwinBridge bridge() {
        return session.bridge();
    }

    @Override
    public void send(SecurityMessage message) throws Exception {
        HubConnection c = session.connection();
        if (c == null) {
            throw new IOException("no hub configured");
        }
        c.send(toSdkMessage(message), sendTimeout);
    }

    Message toSdkMessage(SecurityMessage message) {
        Message m = new Message(message.toUtf8());
        m.setAsSecurityMessage();
        m.setContentType("application/json");
        m.setContentEncoding("utf-8");
        m.setProperty(PRIORITY_PROPERTY, message.priority().wireName());
        String hub = hubResourceId.get();
        // the configuration bounds it (metatype); a longer value would not fit the MQTT topic
        if (hub != null && !hub.isBlank() && hub.length() <= MAX_HUB_RESOURCE_ID) {
            m.setProperty(HUB_RESOURCE_ID_PROPERTY, hub.trim());
        }
        return m;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBundleManagement(BundleManagement m) {
        bundleManagement = m;
        Session s = session;
        TwinBridge b = s == null ? null : s.bridge();
        if (b != null) {
            b.bundleManagementArrived(); // a twin read before the bundle manager started is applied now
        }
    }

    void unsetBundleManagement(BundleManagement m) {
        if (bundleManagement == m) {
            bundleManagement = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setConfigurationAdmin(ConfigurationAdmin ca) {
        configAdmin = ca;
    }

    void unsetConfigurationAdmin(ConfigurationAdmin ca) {
        if (configAdmin == ca) {
            configAdmin = null;
        }
    }

    /** The twin's hubResourceId, as the aggregator's configuration holds it. */
    private String hubResourceIdFromConfiguration() {
        ConfigurationAdmin ca = configAdmin;
        if (ca == null) {
            return null;
        }
        try {
            Configuration[] cs = ca.listConfigurations("(" + Constants.SERVICE_PID + "=" + AGGREGATOR_PID + ")");
            if (cs == null || cs.length == 0 || cs[0].getProperties() == null) {
                return null;
            }
            Object v = cs[0].getProperties().get("hubResourceId");
            return v == null ? null : v.toString();
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
    }

    @Deactivate
    void deactivate() {
        unregister();
        close();
    }

    void close() {
        session.close();
    }
}
