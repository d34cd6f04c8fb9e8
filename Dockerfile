# NewsReader: multi-stage build (SDK -> ASP.NET runtime), non-root, data on a volume.
#   docker build -t newsreader .
#   docker run -p 8080:8080 -v newsreader-data:/data newsreader
#   docker run --rm -v newsreader-data:/data -v "$PWD/articles:/articles:ro" newsreader import /articles

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (amd64, arm64; set by BuildKit, amd64 without it): the app is
# precompiled (ReadyToRun) for it.
ARG TARGETARCH
WORKDIR /src
# Restore first so the package layer is cached while code changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/NewsReader/NewsReader.csproj src/NewsReader/
RUN dotnet restore src/NewsReader/NewsReader.csproj -a ${TARGETARCH:-amd64}
COPY appsettings.json appsettings.Production.json ./
COPY wwwroot/ wwwroot/
COPY src/ src/
RUN dotnet publish src/NewsReader/NewsReader.csproj -c Release -o /app --no-restore -a ${TARGETARCH:-amd64} -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
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
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["dotnet", "NewsReader.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "NewsReader.dll"]
