# syntax=docker/dockerfile:1.7
# The securestack image: one self-contained, single-file `securestack` binary (proxy, watcher,
# install-policy, doctor, ...) on a chiseled runtime-deps base: no shell, no package manager, non-root.
# Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 .  (each arch builds natively
# or under emulation, so the tree-sitter library is compiled for the target CPU).
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG DOTNET_RUNTIME_DEPS_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0.12-noble-chiseled

FROM ${DOTNET_SDK_IMAGE} AS build
ARG TARGETARCH
# Build-only tools: npm fetches the pinned tree-sitter C sources (package-lock.json), gcc compiles them.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The native library first, so its layer is rebuilt only when its pins change.
COPY native/tree-sitter/package.json native/tree-sitter/package-lock.json native/tree-sitter/build.sh native/tree-sitter/
RUN bash native/tree-sitter/build.sh
COPY . .
# Restoring for a runtime identifier adds RID-specific entries to packages.lock.json, so this restore
# is not in locked mode; every package version is still pinned centrally (Directory.Packages.props).
RUN case "${TARGETARCH:-amd64}" in \
      amd64) rid=linux-x64 ;; \
      arm64) rid=linux-arm64 ;; \
      *) echo "unsupported architecture: ${TARGETARCH}; build for linux/amd64 or linux/arm64" >&2; exit 1 ;; \
    esac \
 && dotnet publish src/SecureStack.Cli/SecureStack.Cli.csproj --configuration Release --nologo \
      --runtime "$rid" --self-contained true \
      -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
      -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:RestoreLockedMode=false \
      --output /out \
 && /out/securestack --version

# Templates for the named volumes. Docker gives an empty named volume the content, owner and mode of the
# image directory it is first mounted over; the setup service mounts each volume here once, so every
# volume starts owned by the uid that writes it (no root, no chown at run time). Each audit writer gets
# its own directory, so no component can touch another's log.
RUN set -eu; t=/volume-templates; \
    for v in openclaw-state skills workspace agents-skills db quarantine install-policy; do install -d -o 1000 -g 1000 -m 0700 "$t/$v"; done; \
    install -d -o 0 -g 0 -m 0755 "$t/audit"; \
    install -d -o 1654 -g 1654 -m 0700 "$t/audit/proxy"; \
    install -d -o 1000 -g 1000 -m 0700 "$t/audit/watcher"; \
    install -d -o 0 -g 0 -m 0700 "$t/audit/egress"; \
    for d in "$t"/* "$t"/audit/*; do touch "$d/.securestack-volume"; chown --reference="$d" "$d/.securestack-volume"; done

FROM ${DOTNET_RUNTIME_DEPS_IMAGE} AS runtime
# /app holds only the binary: compose copies this directory into the securestack-bin volume that
# OpenClaw's container mounts read-only for its install-policy hook (root-owned, mode 755, as
# OpenClaw requires of a policy command).
COPY --from=build --chown=0:0 --chmod=0755 /out/securestack /app/securestack
COPY --from=build --chown=0:0 /src/config /etc/securestack
# Copied from another stage, files keep their owner and mode (no --chown here on purpose).
COPY --from=build /volume-templates /var/lib/securestack/volume-templates
# Native libraries bundled in the single file are extracted here (a tmpfs under a read-only root).
ENV DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp/.net \
    SECURESTACK_CONFIG_DIR=/etc/securestack \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /app
# The chiseled images' unprivileged "app" user.
USER 1654:1654
ENTRYPOINT ["/app/securestack"]
CMD ["--help"]
