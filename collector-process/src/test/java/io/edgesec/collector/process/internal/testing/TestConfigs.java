package io.edgesec.collector.process.internal.testing;

import io.edgesec.collector.process.internal.ports.ListeningPortsConfig;
import io.edgesec.collector.process.internal.processes.ProcessCollectorConfig;
import java.lang.annotation.Annotation;

/**
 * The collectors' configurations as tests give them (a DS component gets them from ConfigAdmin):
 * for this module's tests and, through its test-jar, collector-docker's live alert tests that run
 * the /proc collectors against a real engine.
 */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** The process collector over {@code procRoot}, scanning every 5 s, reporting starts. */
    public static ProcessCollectorConfig processes(String procRoot, boolean reportTerminate, String snapshotPeriod) {
        return new ProcessCollectorConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ProcessCollectorConfig.class;
            }

            @Override
            public String procRoot() {
                return procRoot;
            }

            @Override
            public String edgesec_collector_period() {
                return "PT5S";
            }

            @Override
            public boolean reportCreate() {
                return true;
            }

            @Override
            public boolean reportTerminate() {
                return reportTerminate;
            }

            @Override
            public String processSnapshotPeriod() {
                return snapshotPeriod;
            }
        };
    }

    /** The ListeningPorts collector over {@code procRoot}, with the aggregator's period. */
    public static ListeningPortsConfig ports(String procRoot, boolean allNamespaces) {
        return new ListeningPortsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ListeningPortsConfig.class;
            }

            @Override
            public String procRoot() {
                return procRoot;
            }

            @Override
            public String edgesec_collector_period() {
                return "";
            }

            @Override
            public boolean allNamespaces() {
                return allNamespaces;
            }
        };
    }
}
