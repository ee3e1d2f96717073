# One image for every service: `docker compose up` builds it once and runs each service from it
# with its own module name (see docker-compose.yml).

# Build stage: the Maven wrapper and a JDK.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl time-server,time-client,berkeley-master,berkeley-slave,election-node,dashboard -am

# Run stage: a Java 25 JRE, curl for the health checks, and a non-root user. bin/service starts a
# service with the project's JVM options from the JDK 25 AOT cache, made here by a training run of each.
FROM eclipse-temurin:25-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin clocksync
WORKDIR /app
COPY --from=build /src/pom.xml pom.xml
COPY --from=build /src/bin/service bin/service
COPY --from=build /src/config/ config/
COPY --from=build /src/time-server/target/time-server-*.jar time-server/target/
COPY --from=build /src/time-client/target/time-client-*.jar time-client/target/
COPY --from=build /src/berkeley-master/target/berkeley-master-*.jar berkeley-master/target/
COPY --from=build /src/berkeley-slave/target/berkeley-slave-*.jar berkeley-slave/target/
COPY --from=build /src/election-node/target/election-node-*.jar election-node/target/
COPY --from=build /src/dashboard/target/dashboard-*.jar dashboard/target/
RUN for module in time-server time-client berkeley-master berkeley-slave election-node dashboard; do \
      CLOCKSYNC_PREPARE_ONLY=1 bin/service "$module" || exit 1; \
    done \
 && chown -R clocksync /app
USER clocksync
ENTRYPOINT ["bin/service"]
CMD ["time-server"]
