# edgesec as an IoT Edge module (deploy/deployment.template.json shows the least-privilege
# createOptions it needs). Build the agent first: mvn -B -DskipTests package
# Not built in CI: this project's build machines cannot pull base images.
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="edgesec" \
      org.opencontainers.image.description="Security module for Linux IoT Edge devices" \
      org.opencontainers.image.licenses="MIT"
COPY launcher/target/edgesec.jar /opt/edgesec/edgesec.jar
VOLUME /var/lib/edgesec
# Small-device JVM settings (bench/RESULTS.md); -XX:-UsePerfData: nothing written to /tmp, so
# the root file system can be read-only
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-Xmx64m", "-Xms16m", "-XX:+UseSerialGC", "-Xss256k", "-XX:-UsePerfData", "-jar", "/opt/edgesec/edgesec.jar", \
            "run", "--data-dir", "/var/lib/edgesec"]
