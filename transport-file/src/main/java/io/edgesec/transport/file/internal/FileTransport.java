package io.edgesec.transport.file.internal;

import io.edgesec.api.event.SecurityMessage;
import io.edgesec.api.transport.MessageTransport;
import io.edgesec.api.transport.TransportName;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The local transport: one message per line of JSON. Ranked below every hub transport, so it
 * only carries messages when no hub transport is registered.
 */
@Component(configurationPid = FileTransportConfig.PID,
        property = "service.ranking:Integer=-100")
@TransportName("file")
@Designate(ocd = FileTransportConfig.class)
public class FileTransport implements MessageTransport {
    private final JsonLinesFile out;

    @Activate
    public FileTransport(FileTransportConfig config) {
        // stdout through its file descriptor: System.out may be redirected to a logger
        this.out = "-".equals(config.path())
                ? JsonLinesFile.toStream(new FileOutputStream(FileDescriptor.out))
                : JsonLinesFile.toFile(Path.of(config.path()), config.fsync());
    }

    @Override
    public void send(SecurityMessage message) throws IOException {
        out.append(message.toUtf8());
    }

    @Deactivate
    void deactivate() throws IOException {
        out.close();
    }
}
