package io.edgesec.transport.edgehub.internal;

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

    private final HubClientSource source;
    private final Duration sendTimeout;
    private final Supplier<String> hubResourceId;
    private final HubConnection connection;
    private final TwinBridge bridge;
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
    /** The agent's health in the reported properties (edgesec.health); null without twin or data directory. */
    private volatile HealthReporter health;

    @Activate
    public EdgeHubTransport(BundleContext context, EdgeHubConfig config, @Reference ConfigurationApplier applier) {
        this(config, applier, null, System.getenv(), null);
        if (source != null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(MessageTransport.NAME, NAME);
            props.put(Constants.SERVICE_RANKING, RANKING);
            registration = context.registerService(MessageTransport.class, this, props);
        }
        String data = context.getProperty("edgesec.data.dir");
        if (source != null && bridge != null && data != null) {
            HubConnection c = connection;
            health = new HealthReporter(java.nio.file.Path.of(data), c::report, c::isConnected);
            health.start();
        }
    }

    /**
     * @param env           the process environment (System.getenv() in production; the SDK reads
     *                      that itself in IoT Edge)
     * @param hubResourceId the HubResourceId to send, or null to read it from ConfigAdmin
     */
    EdgeHubTransport(EdgeHubConfig config, ConfigurationApplier applier, BundleManagement bundles, Map<String, String> env,
            Supplier<String> hubResourceId) {
        this.source = HubClientSource.choose(env, config);
        this.sendTimeout = Durations.parse(config.sendTimeout(), Duration.ofSeconds(60));
        this.hubResourceId = hubResourceId != null ? hubResourceId : this::hubResourceIdFromConfiguration;
        Supplier<BundleManagement> manager = bundles != null ? () -> bundles : () -> bundleManagement;
        if (source == null) {
            LOG.info("no IoT Edge environment and no connection string (" + EdgeHubConfig.PID
                    + "): the edgehub transport is not offered; messages go to the local transport");
            connection = null;
            bridge = null;
            return;
        }
        HubConnection[] holder = new HubConnection[1];
        this.bridge = config.twinEnabled() ? new TwinBridge(applier, manager, reported -> holder[0].report(reported),
                (name, type, message, version) -> {
                    TwinEvents events = twinEvents;
                    if (events != null) {
                        events.configurationError(name, type, message, version);
                    }
                }) : null;
        this.connection = new HubConnection(source,
                Durations.parse(config.reconnectMinBackoff(), Duration.ofSeconds(1)),
                Durations.parse(config.reconnectMaxBackoff(), Duration.ofMinutes(2)),
                sendTimeout, config.twinEnabled(), bridge != null ? bridge : NO_TWIN);
        holder[0] = connection;
        LOG.info("edgehub transport: sending through " + source.describe());
        connection.start();
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
        return source != null;
    }

    HubConnection connection() {
        return connection;
    }

    TwinBridge bridge() {
        return bridge;
    }

    @Override
    public void send(SecurityMessage message) throws Exception {
        HubConnection c = connection;
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
        TwinBridge b = bridge;
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
        ServiceRegistration<MessageTransport> r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        close();
    }

    void close() {
        HealthReporter h = health;
        if (h != null) {
            h.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }
}
