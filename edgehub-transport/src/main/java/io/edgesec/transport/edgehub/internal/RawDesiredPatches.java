package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Bounded;
import io.edgesec.support.Errors;
import com.microsoft.azure.sdk.iot.device.ClientConfiguration;
import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.MessageCallback;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.DeviceOperations;
import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Takes desired-properties patches from the SDK as the bytes that arrived, before the SDK's own
 * parser sees them. The SDK parses a patch with gson (no size or depth limit) on its receive
 * thread and, when that fails, drops it with nothing but its own log line: a truncated or
 * 10,000-deep patch vanished. Here a patch is size-checked, parsed by edgesec's strict parser
 * (nesting bounded) and either handed on or reported as unparseable with the place of the
 * error. Every other twin message (the GET answer, reported-properties answers) goes to the
 * SDK's handler as before.
 */
final class RawDesiredPatches implements MessageCallback {
    /** IoT Hub caps a twin's desired properties at 32 KB; a patch far over that is not the hub's. */
    static final int MAX_PATCH_BYTES = 256 * 1024;

    private final MessageCallback sdk;
    private final HubConnection.Listener listener;

    private RawDesiredPatches(MessageCallback sdk, HubConnection.Listener listener) {
        this.sdk = sdk;
        this.listener = listener;
    }

    /** Puts itself in front of the SDK's twin message handler of this client (once). */
    static void install(InternalClient client, HubConnection.Listener listener) {
        ClientConfiguration config = client.getConfig();
        MessageCallback current = config.getDeviceTwinMessageCallback();
        if (current == null || current instanceof RawDesiredPatches) {
            return;
        }
        config.setDeviceTwinMessageCallback(new RawDesiredPatches(current, listener), config.getDeviceTwinMessageContext());
    }

    @Override
    public IotHubMessageResult onCloudToDeviceMessageReceived(Message message, Object context) {
        if (!(message instanceof IotHubTransportMessage m)
                || m.getDeviceOperationType() != DeviceOperations.DEVICE_OPERATION_TWIN_SUBSCRIBE_DESIRED_PROPERTIES_RESPONSE) {
            return sdk.onCloudToDeviceMessageReceived(message, context);
        }
        handle(m.getBytes(), m.getVersion(), listener);
        return IotHubMessageResult.COMPLETE;
    }

    /** One patch as bytes: handed on as a map, or reported as unparseable. */
    static void handle(byte[] bytes, Integer topicVersion, HubConnection.Listener listener) {
        if (bytes == null) {
            listener.unparseablePatch(topicVersion, "an empty message");
            return;
        }
        if (bytes.length > MAX_PATCH_BYTES) {
            listener.unparseablePatch(topicVersion, "a patch of " + bytes.length + " bytes (the limit is " + MAX_PATCH_BYTES
                    + "): not parsed");
            return;
        }
        Map<String, Object> doc;
        try {
            doc = JsonDocuments.object(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonDocumentException e) {
            listener.unparseablePatch(topicVersion, Bounded.text(e.getMessage(), 200));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            listener.unparseablePatch(topicVersion, "not JSON: " + Bounded.text(Errors.describe(e), 200));
            return;
        }
        Integer version = topicVersion;
        if (version == null && doc.get("$version") instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE) {
            version = n.intValue(); // (anything else is no version: the bridge refuses the patch rather than misorder it)
        }
        listener.desiredPatch(TwinValues.plain(doc), version);
    }
}
