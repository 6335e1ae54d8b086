# syntax=docker/dockerfile:1
# edgesec as an IoT Edge module. Multi-stage: (1) build the agent with Maven, or take the jar the
# reactor already built; cut a Java runtime to the modules the agent needs (jlink) and record a
# class-data-sharing archive of a training run; (2) the host tools the collectors call (auditctl),
# cut to their binaries and the libraries they link; (3) a small runtime with that Java, the jar,
# the archive and those tools.
#
# From public images (needs Docker Hub, and Maven Central during the build; with a daemon that
# has no bridge network, add --network host):
#   docker build -t edgesec:0.1.0 .
# Without a registry: scripts/build-image.sh makes the bases from Debian packages
# (mmdebstrap) and builds this same file on them. Other architectures: add
#   --platform linux/arm64 (or linux/arm/v7) and bases of that architecture.
# The module's createOptions (both deployment profiles): README.md, "Two deployment profiles".
ARG BUILD_BASE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_BASE=debian:bookworm-slim
# the same distribution as RUNTIME_BASE (its libraries go into the runtime); auditd is installed
# in it when it has no auditctl
ARG TOOLS_BASE=debian:bookworm-slim

FROM ${BUILD_BASE} AS build
# EDGESEC_JAR=source: mvn package here; EDGESEC_JAR=prebuilt: the launcher/target/edgesec.jar of
# the build context (made by `mvn package` on the host; scripts/build-image.sh and CI use it)
ARG EDGESEC_JAR=source
WORKDIR /src
COPY . /src
RUN set -eu; \
    if [ "$EDGESEC_JAR" = prebuilt ]; then \
      test -f launcher/target/edgesec.jar || { echo "EDGESEC_JAR=prebuilt: launcher/target/edgesec.jar is not in the build context" >&2; exit 1; }; \
    elif [ "$EDGESEC_JAR" = source ]; then \
      mvn -B -ntp -q -DskipTests -pl launcher -am package; \
    else echo "EDGESEC_JAR must be source or prebuilt, not '$EDGESEC_JAR'" >&2; exit 1; fi; \
    mkdir -p /opt/edgesec; cp launcher/target/edgesec.jar /opt/edgesec/edgesec.jar
# The modules the bundles and their embedded libraries use (jdeps over every jar; README
# "Building the image"): TLS with EC keys needs jdk.crypto.ec, SCR java.management, Paho
# java.prefs, docker-java's transport java.security.jgss, Jackson/commons java.desktop
# (java.beans) and java.sql, Guava/JCTools jdk.unsupported, the metrics endpoint jdk.httpserver.
RUN jlink --output /opt/edgesec/java --strip-debug --no-header-files --no-man-pages --compress=2 \
      --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.prefs,java.security.jgss,java.sql,java.xml,java.desktop,jdk.unsupported,jdk.crypto.ec,jdk.net,jdk.management,jdk.httpserver
COPY scripts/edgesec-container.sh /opt/edgesec/bin/edgesec
# The bundles unpacked (each start installs them by reference instead of copying 14 MB of jars
# and their embedded libraries into the framework's cache), then class-data sharing: the JDK's
# default archive for this runtime, then the classes a short training run of the agent loads
# (JVM, launcher, Felix, the bundles), at the path and with the options the container uses, the
# metrics endpoint included (EDGESEC_METRICS_PORT is the runtime stage's; without it here the
# HTTP server's ~90 JDK classes were read from lib/modules at every start) and a --config file
# read, as every deployment passes one (without it the ~70 classes of the launcher's JSON reader,
# Jackson's, were loaded but never linked in the training run, so left out of the archive, and
# read from the jar at every start: bench/RESULTS.md, 2026-12-06 container-fit)
RUN set -eu; chmod 755 /opt/edgesec/bin/edgesec; \
    /opt/edgesec/java/bin/java -jar /opt/edgesec/edgesec.jar unpack-bundles /opt/edgesec/bundles; \
    /opt/edgesec/java/bin/java -Xshare:dump -XX:+UseSerialGC > /dev/null; \
    printf '%s\n' '{"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration":{"highPriorityMessageFrequency":{"value":"PT1S"}}}' > /tmp/training.json; \
    EDGESEC_CDS_TRAINING=1 EDGESEC_METRICS_PORT=9600 /opt/edgesec/bin/edgesec run --duration 4 --config /tmp/training.json --output /tmp/training.jsonl --data-dir /tmp/training > /tmp/training.log 2>&1 \
      || { cat /tmp/training.log >&2; exit 1; }; \
    test -s /opt/edgesec/edgesec.jsa

# auditctl (the audit collector installs and checks its rules with it) and the libraries it links
# beyond libc, at their paths: the auditd package would bring perl and Kerberos along (~50 MB)
FROM ${TOOLS_BASE} AS tools
RUN set -eu; if ! command -v auditctl > /dev/null; then \
      apt-get update -qq && apt-get install -y -qq --no-install-recommends auditd; fi; \
    bin=$(realpath "$(command -v auditctl)"); mkdir -p "/out$(dirname "$bin")"; cp "$bin" "/out$bin"; \
    for lib in $(ldd "$bin" | awk '$3 ~ /^\// { print $3 }'); do \
      case "$(basename "$lib")" in libc.so.*) continue ;; esac; \
      dir=$(dirname "$(realpath "$lib")"); mkdir -p "/out$dir"; cp -L "$lib" "/out$dir/$(basename "$lib")"; \
    done

FROM ${RUNTIME_BASE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="edgesec" \
      org.opencontainers.image.description="Security module for Linux IoT Edge devices (successor of the Defender for IoT edge module)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/edgesec/edgesec" \
      org.opencontainers.image.licenses="MIT"
COPY --from=tools /out/ /
COPY --from=build /opt/edgesec /opt/edgesec
# every library auditctl and the JVM link is in the runtime base or copied (auditctl cannot run
# here: that needs the kernel's audit socket)
RUN set -eu; for f in "$(command -v auditctl)" /opt/edgesec/java/bin/java /opt/edgesec/java/lib/server/libjvm.so; do \
      if ldd "$f" | grep 'not found'; then echo "$f: libraries missing in the runtime base" >&2; exit 1; fi; done; \
    groupadd --gid 10001 edgesec; \
    useradd --uid 10001 --gid 10001 --home-dir /var/lib/edgesec --no-create-home --shell /usr/sbin/nologin edgesec; \
    mkdir -p /var/lib/edgesec; chown 10001:10001 /var/lib/edgesec
# The deployment profiles' local configuration (settings the twin may never change: where the
# host's /proc, audit log and accounts are mounted, whether the audit collector installs rules);
# each manifest's createOptions names its file in Cmd (deploy/profiles/)
COPY deploy/profiles/ /opt/edgesec/profiles/
RUN ln -s /opt/edgesec/bin/edgesec /usr/local/bin/edgesec
# Non-root by default (standalone runs, `docker run edgesec:latest --duration 20`); the
# deployment profiles set the user their host access needs (README.md, "Two deployment profiles")
USER 10001:10001
VOLUME /var/lib/edgesec
ENV EDGESEC_DATA_DIR=/var/lib/edgesec \
    EDGESEC_METRICS_PORT=9600
# edgesec health: exit 0 while the agent sends and every required collector runs; reads the
# health file the agent writes in its data directory
HEALTHCHECK --interval=60s --timeout=20s --start-period=60s --retries=3 CMD ["/opt/edgesec/bin/edgesec", "health"]
EXPOSE 9600
ENTRYPOINT ["/opt/edgesec/bin/edgesec", "run"]
CMD []
