package io.edgesec.collector.docker.internal;

import io.edgesec.collector.docker.internal.testing.TestEngine;

/** The same scenario against podman's Docker-compatible API (podman system service started by the test). */
class PodmanEngineScenarioTest extends EngineScenarioTestBase {
    @Override
    TestEngine.Kind kind() {
        return TestEngine.Kind.PODMAN;
    }
}
