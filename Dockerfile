# Parley's container image: built from source in the first stage, run on a Java 17 runtime in the second.
# Not built in CI (the project's machines have no container engine): src/test/java/parley/deploy/DockerfileTest
# checks it against rules instead. Build: docker build -t parley:local .

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY config config
COPY webroot webroot
COPY docs/openapi.yaml docs/openapi.yaml
COPY src src
# The cache keeps the downloaded dependencies between builds; the tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

FROM eclipse-temurin:17.0.17_10-jre-noble
# curl is what the HEALTHCHECK below runs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# The embedded PostgreSQL refuses to run as root, and nothing here needs it.
RUN groupadd --system --gid 10001 parley \
 && useradd --system --uid 10001 --gid parley --home-dir /app --no-create-home --shell /usr/sbin/nologin parley
WORKDIR /app
COPY --from=build /src/target/parley.jar target/parley.jar
COPY config/jvm.options config/jvm.options
# Created before VOLUME so that a new volume starts out owned by parley.
RUN mkdir -p /app/data && chown parley:parley /app/data
ENV PORT=8080 \
    PARLEY_DATA_DIR=/app/data
VOLUME ["/app/data"]
EXPOSE 8080
USER parley
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health/live" || exit 1
# The Procfile's and scripts/run's command; exec makes Java the process that receives SIGTERM and stops gracefully.
CMD exec java @config/jvm.options $JAVA_OPTS -jar target/parley.jar
