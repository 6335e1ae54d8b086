package io.edgesec.itest.edge;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Docker Engine API over its unix socket, as edgeAgent uses it: one HTTP/1.1 request per
 * connection ({@code Connection: close}), JSON bodies. Just the calls the container tests make.
 */
final class DockerApi {
    private static final String VERSION = "/v1.41";
    private final Path socket;

    DockerApi(Path socket) {
        this.socket = socket;
    }

    record Response(int status, String body) {
        Map<String, Object> json() {
            try {
                return JsonDocuments.object(body);
            } catch (Exception e) {
                throw new AssertionError("not a JSON object (HTTP " + status + "): " + body, e);
            }
        }
    }

    /** POST /containers/create: the body is what edgeAgent sends (createOptions plus image, env, ...). */
    String create(String name, Map<String, Object> body) throws IOException {
        Response r = expect(201, "POST", "/containers/create?name=" + name, JsonText.write(body));
        return String.valueOf(r.json().get("Id"));
    }

    void start(String id) throws IOException {
        expect(204, "POST", "/containers/" + id + "/start", null);
    }

    /** POST /containers/{id}/stop?t=grace: SIGTERM, SIGKILL after the grace period; returns when it stopped. */
    void stop(String id, int graceSeconds) throws IOException {
        Response r = request("POST", "/containers/" + id + "/stop?t=" + graceSeconds, null);
        if (r.status != 204 && r.status != 304) {
            throw new AssertionError("stop " + id + ": HTTP " + r.status + " " + r.body);
        }
    }

    Map<String, Object> inspect(String id) throws IOException {
        return expect(200, "GET", "/containers/" + id + "/json", null).json();
    }

    /** The container's standard output and error (multiplexed frames decoded, in order). */
    String logs(String id) throws IOException {
        Response r = request("GET", "/containers/" + id + "/logs?stdout=1&stderr=1", null);
        return r.status == 200 ? demultiplex(r.body.getBytes(StandardCharsets.ISO_8859_1)) : "(no logs: HTTP " + r.status + ")";
    }

    void remove(String id) throws IOException {
        request("DELETE", "/containers/" + id + "?force=1&v=1", null);
    }

    Response expect(int status, String method, String path, String json) throws IOException {
        Response r = request(method, path, json);
        if (r.status != status) {
            throw new AssertionError(method + " " + path + ": HTTP " + r.status + " " + r.body);
        }
        return r;
    }

    /** One request; the body is read as ISO-8859-1 so that binary log frames survive, JSON is ASCII-safe. */
    Response request(String method, String path, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(VERSION).append(path).append(" HTTP/1.1\r\n");
        head.append("Host: docker\r\nConnection: close\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer b = ByteBuffer.wrap(body);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0) {
                buf.flip();
                in.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
        }
        String raw = in.toString(StandardCharsets.ISO_8859_1);
        int headEnd = raw.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("no HTTP response from " + socket + " to " + method + " " + path + ": " + raw);
        }
        String[] lines = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String l : lines) {
            if (l.toLowerCase().startsWith("transfer-encoding:") && l.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        String rest = raw.substring(headEnd + 4);
        return new Response(status, chunked ? dechunk(rest) : rest);
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            String sizeField = s.substring(i, eol).split(";")[0].trim();
            int size = sizeField.isEmpty() ? 0 : Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            out.append(s, eol + 2, Math.min(s.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    /** Docker's log stream without a TTY: frames of [stream, 0, 0, 0, size(4, big-endian)] + payload. */
    private static String demultiplex(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i + 8 <= b.length) {
            int size = ((b[i + 4] & 0xff) << 24) | ((b[i + 5] & 0xff) << 16) | ((b[i + 6] & 0xff) << 8) | (b[i + 7] & 0xff);
            out.write(b, i + 8, Math.min(size, b.length - i - 8));
            i += 8 + size;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
