// The load generator of `npm run bench:api`, run as its own process so that its work is not
// counted against the API's event loop. Reads one JSON task from argv[2], prints one JSON result.
//
//   { kind: 'burst', base, requests: [{ method, path, token, body, localAddress }], probe?: { path, token } }
//     Sends every request at once, each on its own new connection (as that many different people
//     would). With `probe`, one more client repeats GET probe.path back to back until the burst is
//     answered, and its latencies are reported. Answers carry status and, for JSON, the body.
//   { kind: 'autocannon', url, token, connections, seconds }
import autocannon from 'autocannon';
import http from 'node:http';

const task = JSON.parse(process.argv[2]);

function request(base, { method = 'GET', path, token, body, localAddress }, agent) {
  return new Promise((resolve) => {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const t0 = performance.now();
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent,
        localAddress,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, ms: performance.now() - t0, body: json });
        });
      },
    );
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, error: err.message }));
    if (payload) req.write(payload);
    req.end();
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x) => Math.round(x * 10) / 10;

async function burst() {
  const fresh = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  let done = false;
  const probeTimes = [];
  let probeStatuses = {};
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const probing = task.probe
    ? (async () => {
        while (!done) {
          const r = await request(task.base, { path: task.probe.path, token: task.probe.token }, probeAgent);
          probeTimes.push(r.ms);
          probeStatuses[r.status] = (probeStatuses[r.status] ?? 0) + 1;
        }
      })()
    : null;
  // Let the probe open its connection first, so its first sample is not a handshake.
  if (probing) await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  const answers = await Promise.all(task.requests.map((r) => request(task.base, r, fresh)));
  const totalMs = performance.now() - t0;
  done = true;
  await probing;
  probeAgent.destroy();
  const latencies = answers.map((a) => a.ms).sort((x, y) => x - y);
  const sortedProbe = [...probeTimes].sort((x, y) => x - y);
  return {
    totalMs: round(totalMs),
    p50: round(pct(latencies, 50)),
    p95: round(pct(latencies, 95)),
    answers: answers.map((a) => ({ status: a.status, body: a.body, error: a.error })),
    probe: probing
      ? {
          count: sortedProbe.length,
          p50: round(pct(sortedProbe, 50)),
          p95: round(pct(sortedProbe, 95)),
          max: round(sortedProbe[sortedProbe.length - 1]),
          statuses: probeStatuses,
        }
      : null,
  };
}

function cannon() {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon(
      {
        url: task.url,
        connections: task.connections,
        duration: task.seconds,
        headers: task.token ? { authorization: `Bearer ${task.token}` } : {},
      },
      (err, result) => {
        if (err) return reject(err);
        times.sort((x, y) => x - y);
        resolve({
          requests: result.requests.total,
          rps: Math.round(result.requests.total / (result.duration || task.seconds)),
          p50: round(pct(times, 50)),
          p95: round(pct(times, 95)),
          p99: round(pct(times, 99)),
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
}

const result = task.kind === 'burst' ? await burst() : await cannon();
process.stdout.write(JSON.stringify(result));
