package io.edgesec.collector.docker.internal.inventory;

import io.edgesec.collector.docker.internal.engine.EngineClient;
import io.edgesec.collector.docker.internal.manifest.EdgeLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Lists and inspects every container; image inspect data is cached by image id. */
public final class ContainerScanner {
    private final Supplier<EngineClient> engine;
    private final KnownContainers known;
    private final Map<String, Map<String, Object>> images = new HashMap<>();

    public ContainerScanner(Supplier<EngineClient> engine, KnownContainers known) {
        this.engine = engine;
        this.known = known;
    }

    /** One container with its image. */
    public record Scanned(Map<String, Object> container, Map<String, Object> image) {
    }

    /** @throws RuntimeException when the engine cannot be reached */
    public synchronized List<Scanned> scan() {
        EngineClient client = engine.get();
        List<Scanned> out = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Map<String, Object>> seenImages = new HashMap<>();
        for (String id : client.containerIds()) {
            Map<String, Object> c = client.inspectContainer(id);
            if (c == null) {
                continue; // removed between list and inspect
            }
            String imageId = (String) c.get("Image");
            Map<String, Object> image = null;
            if (imageId != null) {
                image = images.get(imageId);
                if (image == null) {
                    image = client.inspectImage(imageId);
                }
                if (image != null) {
                    seenImages.put(imageId, image);
                }
            }
            names.put(id, EdgeLabels.containerName(c));
            known.putModule(id, EdgeLabels.moduleName(c));
            out.add(new Scanned(c, image));
        }
        images.clear();
        images.putAll(seenImages);
        known.replaceAll(names);
        return out;
    }
}
