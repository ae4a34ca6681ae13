// Webhook benchmark driver: runs a local receiver, subscribes it (contact.*), then either
//   throughput N  — waits until N deliveries arrived (writes are made by someone else, e.g. rapport import)
//                   and reports the receive rate from the first to the last arrival;
//   latency RATE SECONDS — creates contacts at RATE writes/s for SECONDS through POST /api/v1/contacts and
//                   reports write→delivered latency (from just before each request to the delivery's arrival).
// Prints one JSON line. Usage: node webhook-load.mjs BASE_URL TOKEN MODE ARGS...
import http from 'node:http';

const [base, token, mode, a1, a2] = process.argv.slice(2);
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const arrivals = new Map();   // webhook-id -> arrival time (ms, hrtime)
const byName = new Map();     // lastName -> first arrival
let duplicates = 0, first = 0, last = 0;
const now = () => Number(process.hrtime.bigint()) / 1e6;

const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const t = now();
    const id = req.headers['webhook-id'];
    if (arrivals.has(id)) duplicates++; else arrivals.set(id, t);
    if (!first) first = t;
    last = t;
    if (mode === 'latency') {
      // Names are written "Bench-N": all-lower text would be re-cased by the server's name normalisation.
      const m = /"lastName":"(Bench-[0-9]+)"/.exec(Buffer.concat(chunks).toString());
      if (m && !byName.has(m[1])) byName.set(m[1], t);
    }
    res.writeHead(204).end();
  });
});
receiver.keepAliveTimeout = 60_000;
await new Promise(r => receiver.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${receiver.address().port}/hook`;

const sub = await fetch(`${base}/api/v1/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url, events: ['contact.*'] }) });
if (sub.status !== 201) throw new Error(`subscribing answered ${sub.status}: ${await sub.text()}`);
const subscription = (await sub.json()).id;
console.error(`receiver ${url} subscribed`);

const sleep = ms => new Promise(r => setTimeout(r, ms));
if (mode === 'throughput') {
  const expected = Number(a1);
  process.stdout.write(''); // ready marker for the caller is the stderr line above
  while (arrivals.size < expected) await sleep(100);
  const seconds = (last - first) / 1000;
  console.log(JSON.stringify({ deliveries: arrivals.size, duplicates, seconds, perSecond: arrivals.size / seconds }));
} else if (mode === 'latency') {
  const rate = Number(a1), seconds = Number(a2), total = rate * seconds;
  const sent = new Map();
  const agent = { keepalive: true };
  const start = now();
  let errors = 0;
  const inflight = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    const name = `Bench-${i}`;
    sent.set(name, now());
    inflight.push(fetch(`${base}/api/v1/contacts`, { method: 'POST', headers: auth, body: JSON.stringify({ lastName: name }), ...agent })
      .then(r => { if (r.status !== 201) errors++; return r.arrayBuffer(); }).catch(() => { errors++; }));
  }
  const achieved = total / ((now() - start) / 1000);
  await Promise.all(inflight);
  const deadline = now() + 30_000;
  while (byName.size < total - errors && now() < deadline) await sleep(50);
  const lat = [...sent].filter(([n]) => byName.has(n)).map(([n, t]) => byName.get(n) - t).sort((x, y) => x - y);
  const q = p => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(JSON.stringify({ writes: total, writeErrors: errors, achievedRate: achieved, delivered: lat.length, duplicates,
    p50: q(0.5), p90: q(0.9), p99: q(0.99), max: lat[lat.length - 1] }));
}
// The subscription goes with its receiver, so a later phase does not deliver to a closed port.
await fetch(`${base}/api/v1/webhooks/${subscription}`, { method: 'DELETE', headers: auth });
receiver.close();
process.exit(0);
