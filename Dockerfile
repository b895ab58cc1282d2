# Production image: the jar built from source, run by a non-root user on a JRE.
# The jar contains no embedded PostgreSQL (see pom.xml): configure SPRING_DATASOURCE_URL.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# Tests run in CI (they need Chromium); the image is built from tested sources.
RUN ./mvnw -B -q package -DskipTests && cp target/passerelle-*.jar /src/passerelle.jar
# The HEALTHCHECK's probe, compiled here: the JRE below has no compiler.
COPY deploy/HealthCheck.java deploy/HealthCheck.java
RUN javac -d /src/healthcheck deploy/HealthCheck.java

FROM eclipse-temurin:17-jre
RUN groupadd --system passerelle && useradd --system --gid passerelle --uid 10001 --no-create-home passerelle
WORKDIR /app
COPY --from=build /src/passerelle.jar /app/passerelle.jar
USER passerelle
# -XX:-UseCodeCacheFlushing: Java 17's code cache sweeper throws away compiled code it finds cold, which, after mixed
# traffic, left pages interpreted until compiled again: an emergency's candidates page cost 19.5 ms of CPU a view
# instead of 2.3 (docs/benchmark.md, eighth session). The cache has room: 65 MB of its 240 used at the most.
ENV PASSERELLE_EMBEDDED_DB_ENABLED=false \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:-UseCodeCacheFlushing"
EXPOSE 8080
# Ready to take traffic (the database answers, not shutting down): the readiness group of the actuator. The JRE image
# has no curl: a few lines of Java instead (deploy/HealthCheck.java).
COPY --from=build /src/healthcheck /app/healthcheck
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=5", "-cp", "/app/healthcheck", "HealthCheck"]
ENTRYPOINT ["java", "-jar", "/app/passerelle.jar"]
