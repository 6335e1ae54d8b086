package io.edgesec.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where bundle jars may come from (device policy: {@code allowedSources}, set only locally) and
 * how they are read. A location is checked before anything is read from it: {@code file:} paths
 * with symbolic links resolved (a link inside an allowed folder pointing out of it is outside),
 * {@code https:}/{@code http:} by prefix, never with user info. Files are opened only if regular
 * ({@link RegularFiles}); downloads follow no redirect and are bounded by the download timeout.
 */
final class BundleSources {
    private final List<String> allowed;
    private final Duration downloadTimeout;

    /** @param allowedSources location prefixes; blank ones are ignored; none: {@code file:} under {@code dataDir} only */
    BundleSources(List<String> allowedSources, Path dataDir, Duration downloadTimeout) {
        List<String> list = new ArrayList<>();
        for (String s : allowedSources) {
            if (s != null && !s.isBlank()) {
                list.add(s.trim());
            }
        }
        if (list.isEmpty()) {
            list.add(dataDir.toUri().toString());
        }
        this.allowed = List.copyOf(list);
        this.downloadTimeout = downloadTimeout;
    }

    List<String> allowed() {
        return allowed;
    }

    /**
     * @return the location as a URI if it lies under an allowed source
     * @throws Refusal otherwise
     */
    URI check(String location) throws Refusal {
        URI uri;
        try {
            uri = new URI(location).normalize();
        } catch (URISyntaxException e) {
            throw new Refusal("location '" + location + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("file") && !scheme.equals("https") && !scheme.equals("http")) {
            throw new Refusal("location '" + location + "' is not a file:, https: or http: URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null && scheme.equals("file")) {
            throw new Refusal("location '" + location + "' is outside the allowed sources " + allowed);
        }
        for (String prefix : allowed) {
            if (under(uri, scheme, prefix)) {
                return uri;
            }
        }
        throw new Refusal("location '" + location + "' is outside the allowed sources " + allowed);
    }

    private static boolean under(URI uri, String scheme, String prefix) {
        URI p;
        try {
            p = new URI(prefix).normalize();
        } catch (URISyntaxException e) {
            return false;
        }
        String pScheme = p.getScheme() == null ? "" : p.getScheme().toLowerCase(Locale.ROOT);
        if (!pScheme.equals(scheme)) {
            return false;
        }
        if (scheme.equals("file")) {
            try {
                Path path = real(Path.of(uri).normalize());
                Path base = real(Path.of(p).normalize());
                return path.startsWith(base) && !path.equals(base);
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
        String s = uri.toString();
        String ps = p.toString();
        if (!s.startsWith(ps)) {
            return false;
        }
        return ps.endsWith("/") || s.length() == ps.length() || s.charAt(ps.length()) == '/';
    }

    /** The real path where it exists (symbolic links resolved), else the path itself. */
    private static Path real(Path p) throws IOException {
        try {
            return p.toRealPath();
        } catch (NoSuchFileException e) {
            Path parent = p.getParent();
            return parent == null ? p : real(parent).resolve(p.getFileName());
        }
    }

    /**
     * Opens a location {@link #check} allowed.
     *
     * @throws Refusal      a file that is not a regular file (policy: never opened)
     * @throws IOException  a source that cannot be read now (retried)
     */
    InputStream open(URI uri) throws IOException, Refusal {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            try {
                return RegularFiles.open(Path.of(uri));
            } catch (RegularFiles.NotARegularFile e) {
                throw new Refusal(e.getMessage());
            }
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(downloadTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(downloadTimeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("download " + uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download " + uri + " interrupted");
        }
    }
}
