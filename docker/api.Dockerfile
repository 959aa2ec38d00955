# syntax=docker/dockerfile:1
# The Roundtable server image: the API by default; the worker with
# `node dist/apps/worker/src/main.js`, and a local mail catcher with
# `node node_modules/maildev/dist/bin/maildev.js` (see docker-compose.yml). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t roundtable-server .
# The build stage compiles TypeScript with swc and builds the web app with Vite (devDependencies; the API
# serves dist/apps/web at /); .swcrc rewrites the
# @roundtable/* path aliases to relative requires, so dist/ runs with plain node.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# The lockfile first, so the dependency layer is reused until package*.json change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Migrations run before the server starts (each in its own transaction; a no-op when up to date).
# `exec` makes node PID 1, so `docker stop` reaches Nest's shutdown hooks.
CMD ["sh", "-c", "node dist/apps/api/src/cli.js migrate && exec node dist/apps/api/src/main.js"]
