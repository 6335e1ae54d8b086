package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test fixture: the IoT Edge workload API (what aziot-edged serves to modules) on a Unix socket,
 * speaking minimal HTTP/1.1, one request per connection:
 * <ul>
 * <li>{@code POST /modules/{module}/genid/{genid}/sign?api-version=...} with
 * {@code {"keyId": "primary", "algo": "HMACSHA256", "data": base64}} answers
 * {@code {"digest": base64(HMAC-SHA256(key, data))}};
 * <li>{@code GET /trust-bundle?api-version=...} answers {@code {"certificate": PEM}}.
 * </ul>
 * Records every request, so a test can prove the SDK took its credentials from here.
 */
public final class WorkloadApiStandIn implements AutoCloseable {
    /** One request as it arrived; for sign requests the decoded data that was signed. */
    public record Request(String method, String path, String module, String generationId, String signedData) {
    }

    private static final Pattern SIGN = Pattern.compile("/modules/([^/]+)/genid/([^/]+)/sign");
    private final Path socket;
    private final byte[] key;
    private final String trustBundlePem;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final List<Request> requests = new ArrayList<>();
    private volatile boolean running = true;

    public WorkloadApiStandIn(Path socket, byte[] key, String trustBundlePem) throws IOException {
        this.socket = socket;
        this.key = key.clone();
        this.trustBundlePem = trustBundlePem;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "workload-api-stand-in");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the value for {@code IOTEDGE_WORKLOADURI} */
    public String uri() {
        return "unix://" + socket;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** The digest a correct signer produces for {@code data} (base64 HMAC-SHA256 with the key). */
    public String sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve() {
        while (running) {
            try (SocketChannel ch = server.accept()) {
                answer(ch);
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void answer(SocketChannel ch) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        int headerEnd = -1;
        int contentLength = 0;
        while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            in.write(buf.array(), 0, n);
            String text = in.toString(StandardCharsets.ISO_8859_1);
            if (headerEnd < 0) {
                headerEnd = text.indexOf("\r\n\r\n");
                if (headerEnd >= 0) {
                    Matcher m = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, headerEnd));
                    contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
                }
            }
            if (headerEnd >= 0 && in.size() >= headerEnd + 4 + contentLength) {
                break;
            }
        }
        String text = in.toString(StandardCharsets.ISO_8859_1);
        if (headerEnd < 0) {
            return;
        }
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        String[] parts = requestLine.split(" ");
        String method = parts[0];
        String target = parts.length > 1 ? parts[1] : "/";
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        byte[] body = in.toByteArray();
        String bodyText = new String(body, headerEnd + 4, Math.min(contentLength, body.length - headerEnd - 4), StandardCharsets.UTF_8);

        int status = 200;
        String response;
        Matcher sign = SIGN.matcher(path);
        try {
            if ("POST".equals(method) && sign.matches()) {
                Map<String, Object> req = JsonDocuments.object(bodyText);
                byte[] data = Base64.getDecoder().decode(String.valueOf(req.get("data")));
                String module = URLDecoder.decode(sign.group(1), StandardCharsets.UTF_8);
                String genid = URLDecoder.decode(sign.group(2), StandardCharsets.UTF_8);
                record(new Request(method, path, module, genid, new String(data, StandardCharsets.UTF_8)));
                response = JsonText.write(Map.of("digest", sign(data)));
            } else if ("GET".equals(method) && "/trust-bundle".equals(path)) {
                record(new Request(method, path, null, null, null));
                response = JsonText.write(Map.of("certificate", trustBundlePem));
            } else {
                record(new Request(method, path, null, null, null));
                status = 404;
                response = "{\"message\":\"not found\"}";
            }
        } catch (Exception e) {
            status = 400;
            response = "{\"message\":\"bad request\"}";
        }
        byte[] out = response.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 404 ? " NotFound" : " BadRequest") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + out.length + "\r\nConnection: close\r\n\r\n";
        ByteBuffer reply = ByteBuffer.allocate(head.length() + out.length);
        reply.put(head.getBytes(StandardCharsets.US_ASCII)).put(out).flip();
        while (reply.hasRemaining()) {
            ch.write(reply);
        }
    }

    private void record(Request r) {
        synchronized (requests) {
            requests.add(r);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
