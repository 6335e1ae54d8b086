package io.edgesec.collector.docker.internal;

import io.edgesec.collector.docker.internal.testing.TestEngine;

/** The scenario against Docker Engine (dockerd started by the test). */
class DockerEngineScenarioTest extends EngineScenarioTestBase {
    @Override
    TestEngine.Kind kind() {
        return TestEngine.Kind.DOCKER;
    }
}
