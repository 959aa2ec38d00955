#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis when they are down (as on the CI machine), then waits
# until both answer. Does nothing when they are already up or pointed elsewhere.
set -u
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && read -r -t 2 reply <&3 && [[ $reply == +PONG* ]]) 2>/dev/null; }

if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "Starting PostgreSQL…"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! redis_up && command -v redis-server >/dev/null 2>&1; then
  echo "Starting Redis…"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
fi
for _ in $(seq 1 30); do
  if pg_up && redis_up; then exit 0; fi
  sleep 1
done
pg_up || echo "PostgreSQL does not answer on 127.0.0.1:5432 (set DATABASE_URL to use another server)" >&2
redis_up || echo "Redis does not answer on 127.0.0.1:6379 (set REDIS_URL to use another server)" >&2
exit 1
