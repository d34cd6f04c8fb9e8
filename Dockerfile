# NewsReader: multi-stage build (SDK -> runtime-deps: the app carries its own runtime), non-root,
# data on a volume.
#   docker build -t newsreader .
#   docker run -p 8080:8080 -v newsreader-data:/data newsreader
#   docker run --rm -v newsreader-data:/data -v "$PWD/articles:/articles:ro" newsreader import /articles

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (amd64, arm64; set by BuildKit, amd64 without it): the app is
# published self-contained and precompiled (one composite ReadyToRun image) for it.
ARG TARGETARCH
WORKDIR /src
# Restore first so the package layer is cached while code changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/NewsReader/NewsReader.csproj src/NewsReader/
# Restored as published: self-contained and ReadyToRun need the runtime and crossgen packs.
RUN dotnet restore src/NewsReader/NewsReader.csproj -a ${TARGETARCH:-amd64} -p:SelfContained=true -p:PublishReadyToRun=true
COPY appsettings.json appsettings.Production.json ./
COPY wwwroot/ wwwroot/
COPY src/ src/
RUN dotnet publish src/NewsReader/NewsReader.csproj -c Release -o /app --no-restore -a ${TARGETARCH:-amd64}

# Self-contained: the base only needs the runtime's native dependencies (and has the "app" user).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's non-root "app" user owns the data folder: database, WAL files and key ring.
RUN mkdir -p /data && chown app:app /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__NewsReader="Data Source=/data/newsreader.db"
VOLUME ["/data"]
USER app
EXPOSE 8080
# The runtime image has no curl: the app checks its own /healthz on ASPNETCORE_HTTP_PORTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["./NewsReader", "healthcheck"]
ENTRYPOINT ["./NewsReader"]
