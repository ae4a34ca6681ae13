// Webhook benchmark driver: subscribes a local receiver (contact.*), then either
//   throughput N  — waits until N deliveries arrived (writes are made by someone else, e.g. rapport import)
//                   and reports the receive rate from the first to the last arrival;
//   latency RATE SECONDS [WARMUP] — creates contacts at RATE writes/s for WARMUP (default 5) + SECONDS through
//                   POST /api/v1/contacts and reports write→delivered latency of the last SECONDS' writes, from
//                   just before each request to the delivery's arrival. The receiver runs in a child process
//                   (this script, forked), so the load generator and the receiver each have an event loop.
// Prints one JSON line, and deletes its subscription at the end. Usage: node webhook-load.mjs BASE_URL TOKEN MODE ARGS...
import http from 'node:http';
import { fork } from 'node:child_process';

// Epoch milliseconds with a fraction, comparable between processes.
const clock = () => performance.timeOrigin + performance.now();
const sleep = ms => new Promise(r => setTimeout(r, ms));

// The writes go through node:http with a keep-alive agent rather than fetch(): fetch cost this generator about as
// much CPU as the server under test, on the same 2 cores, and a busy machine is what stretches the latency.
const writeAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs a JSON body; resolves to the answer's status once its body has been read. */
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: writeAgent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, res => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A receiver answering 204, counting webhook-ids and noting when each contact ("Bench-N") first arrived. */
function startReceiver(onReady) {
  const state = { count: 0, duplicates: 0, first: 0, last: 0, ids: new Set(), byName: new Map() };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/results') {
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ arrivals: Object.fromEntries(state.byName), duplicates: state.duplicates, count: state.ids.size }));
      return;
    }
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const t = clock();
      const id = req.headers['webhook-id'];
      if (state.ids.has(id)) state.duplicates++; else state.ids.add(id);
      if (!state.first) state.first = t;
      state.last = t;
      // Names are written "Bench-N": all-lower text would be re-cased by the server's name normalisation.
      const m = /"lastName":"(Bench-[0-9]+)"/.exec(Buffer.concat(chunks).toString());
      if (m && !state.byName.has(m[1])) state.byName.set(m[1], t);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => onReady(server.address().port));
  return { server, state };
}

if (process.argv[2] === 'receiver-child') {
  startReceiver(port => process.send({ port }));
} else {
  const [base, token, mode, a1, a2, a3] = process.argv.slice(2);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let port, local, child;
  if (mode === 'latency') {
    child = fork(new URL(import.meta.url).pathname, ['receiver-child']);
    port = await new Promise(r => child.once('message', m => r(m.port)));
  } else {
    local = startReceiver(() => {});
    await new Promise(r => local.server.listening ? r() : local.server.once('listening', r));
    port = local.server.address().port;
  }
  const url = `http://127.0.0.1:${port}/hook`;
  const sub = await fetch(`${base}/api/v1/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url, events: ['contact.*'] }) });
  if (sub.status !== 201) throw new Error(`subscribing answered ${sub.status}: ${await sub.text()}`);
  const subscription = (await sub.json()).id;
  console.error(`receiver ${url} subscribed`);

  if (mode === 'throughput') {
    const expected = Number(a1), s = local.state;
    while (s.ids.size < expected) await sleep(100);
    const seconds = (s.last - s.first) / 1000;
    console.log(JSON.stringify({ deliveries: s.ids.size, duplicates: s.duplicates, seconds, perSecond: s.ids.size / seconds }));
  } else if (mode === 'latency') {
    const warmup = Number(a3 ?? 5);
    const rate = Number(a1), total = rate * (Number(a2) + warmup), counted = rate * warmup;
    const sent = new Map();
    const start = clock();
    let errors = 0;
    const inflight = [];
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / rate - clock();
      if (wait > 0) await sleep(wait);
      const name = `Bench-${i}`;
      sent.set(name, clock());
      inflight.push(post(`${base}/api/v1/contacts`, auth, JSON.stringify({ lastName: name }))
        .then(status => { if (status !== 201) errors++; }, () => { errors++; }));
    }
    const achieved = total / ((clock() - start) / 1000);
    await Promise.all(inflight);
    let results;
    const deadline = clock() + 30_000;
    do {
      await sleep(200);
      results = await (await fetch(`http://127.0.0.1:${port}/results`)).json();
    } while (Object.keys(results.arrivals).length < total - errors && clock() < deadline);
    const lat = [...sent].filter(([n]) => Number(n.slice(6)) >= counted && results.arrivals[n] !== undefined)
      .map(([n, t]) => results.arrivals[n] - t).sort((x, y) => x - y);
    const q = p => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
    console.log(JSON.stringify({ writes: total - counted, warmupWrites: counted, writeErrors: errors, achievedRate: achieved,
      delivered: lat.length, duplicates: results.duplicates, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: lat[lat.length - 1] }));
    child.kill();
  }
  // The subscription goes with its receiver, so a later phase does not deliver to a closed port.
  await fetch(`${base}/api/v1/webhooks/${subscription}`, { method: 'DELETE', headers: auth });
  process.exit(0);
}
