# One image for every service: `docker compose up` builds it once and runs each service from it
# with its own module name (see docker-compose.yml).

# Build stage: the Maven wrapper and a JDK.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
ARG MODULES=time-server,time-client,berkeley-master,berkeley-slave,election-node,dashboard
# The wrapper and the poms first: the dependencies are downloaded in a layer of their own, which an
# edit to the sources leaves alone. go-offline misses the annotation processors' path (the
# configuration processor), so that is fetched by name, at the Spring Boot version the pom names.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY clock-core/pom.xml clock-core/
COPY api-docs-check/pom.xml api-docs-check/
COPY service-support/pom.xml service-support/
COPY time-server/pom.xml time-server/
COPY time-client/pom.xml time-client/
COPY berkeley-master/pom.xml berkeley-master/
COPY berkeley-slave/pom.xml berkeley-slave/
COPY election-core/pom.xml election-core/
COPY election-service/pom.xml election-service/
COPY election-node/pom.xml election-node/
COPY dashboard/pom.xml dashboard/
COPY system-tests/pom.xml system-tests/
RUN ./mvnw -B -q dependency:go-offline -pl "$MODULES" -am \
 && boot=$(./mvnw -B -q help:evaluate -Dexpression=spring-boot.version -DforceStdout) \
 && ./mvnw -B -q dependency:get -Dtransitive=false \
      -Dartifact="org.springframework.boot:spring-boot-configuration-processor:$boot"
COPY . .
# Every module's jar is extracted into one directory (Spring Boot's tools jar mode, by layer): the
# six share their libraries, so the run image stores each library once.
RUN ./mvnw -B -q -o -DskipTests package -pl "$MODULES" -am \
 && for module in $(echo "$MODULES" | tr , ' '); do \
      java -Djarmode=tools -jar "$module/target/$module-"*.jar extract --layers --force --destination /jars \
      || exit 1; \
    done

# Run stage: a Java 25 JRE and a non-root user. bin/service starts a service with the project's JVM
# options from its JDK 25 AOT cache, made here by a training run of each; bin/health is the health check.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin clocksync \
 && mkdir -p /app/cache \
 && chown clocksync /app/cache
WORKDIR /app
# Least often changed first: the third-party libraries, then the project's own jars.
COPY --from=build /jars/dependencies/ jars/
COPY --from=build /jars/snapshot-dependencies/ jars/
COPY --from=build /jars/application/ jars/
COPY --from=build /src/pom.xml pom.xml
COPY --from=build /src/bin/service /src/bin/health bin/
COPY --from=build /src/config/ config/
USER clocksync
# As many training runs at once as there are processors: each is largely one thread.
RUN printf '%s\n' time-server time-client berkeley-master berkeley-slave election-node dashboard \
      | CLOCKSYNC_PREPARE_ONLY=1 xargs -P "$(nproc)" -n 1 bin/service
ENTRYPOINT ["bin/service"]
CMD ["time-server"]
