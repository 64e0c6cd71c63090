# dondoc's image: one image, two roles (`dondoc worker`, `dondoc web`), chosen by the command.
# Multi-stage: dependencies are installed (production only) in a build stage; the runtime stage is
# Debian slim with Node, the code and node_modules, running as the unprivileged `node` user.
# Temporal is not in the image (TEMPORAL_ADDRESS points at the cluster), so the postinstall step that
# fetches the Temporal dev-server wheels is skipped.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV DONDOC_SKIP_TOOLS=1 NODE_ENV=production
COPY package.json package-lock.json ./
COPY scripts/setup-tools.mjs scripts/setup-tools.mjs
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production DONDOC_SKIP_TOOLS=1 DONDOC_DATA_DIR=/data WEB_HOST=0.0.0.0 WEB_PORT=3000
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json tsconfig.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root src ./src
COPY --chown=root:root workflows ./workflows
COPY --chown=root:root activities ./activities
COPY --chown=root:root worker ./worker
COPY --chown=root:root plans ./plans
COPY --chown=root:root schema ./schema
# The data directory (content store: plan versions, reports, attachments) is the only place written to;
# a named volume mounted here takes this ownership on first use.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/dondoc.mjs"]
CMD ["web"]
