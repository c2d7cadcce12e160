# sahel-graph: GraphQL API over Neo4j. Built and run by docker-compose.yml (`docker compose up`),
# or alone: docker build -t sahel-graph . && docker run -e NEO4J_URI=bolt://host:7687 ... sahel-graph

# ---- build: compile src/ and tools/ with swc into dist/ ---------------------------------------
# Node 24 is the current LTS (Node 20's support ended in April 2026).
FROM node:24-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The rest of the context (.dockerignore keeps out node_modules, dist, tests, tools/neo4j/lib, ...).
COPY . .
# schema/ may be empty, and git keeps no empty folders: make sure it exists for the runtime stage.
RUN npm run build && mkdir -p schema

# ---- runtime: production dependencies, compiled code and the data files read at start-up ------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Owned by root, read-only for the `node` user the service runs as.
COPY --from=build /app/dist ./dist
COPY --from=build /app/cypher ./cypher
COPY --from=build /app/seed ./seed
COPY --from=build /app/schema ./schema
# tools/neo4j/local-neo4j.js locates its folder by pom.xml when it is loaded; the local Neo4j it
# can start (Launcher.java, lib/) is never used here, since NEO4J_URI is always set in a container.
COPY --from=build /app/tools/neo4j/pom.xml ./tools/neo4j/pom.xml

# The image's non-root `node` user, by number so that runAsNonRoot-style checks can verify it.
USER 1000:1000
EXPOSE 4000

# Healthy once Neo4j answers and every migration is applied (/readyz); start-up applies the
# migrations and may load the seed bundle, hence the start period. slim images have no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/src/main.js"]
