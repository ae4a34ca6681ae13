// Reads the whole change feed of a running server, page after page, and prints one JSON line:
// {"changes": N, "seconds": S, "perSecond": R, "pages": P, "clientCpuSeconds": C}. Bodies are counted as they
// stream in, not parsed or even kept: the cursor comes in the X-Next-Cursor header, so the client costs little next
// to the server. node:http with a keep-alive agent, not fetch(): fetch's web streams cost this client about twice the
// server's own CPU per change on this 2-core machine, and the benchmark measures the server.
// Usage: node feed-read.mjs BASE_URL TOKEN [LIMIT]
import http from 'node:http';

const [base, token, limitArg] = process.argv.slice(2);
const limit = Number(limitArg ?? 10000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
// Each entry starts with {"seq": — counting them is enough.
const needle = Buffer.from('{"seq":');
const keep = needle.length - 1;
const hasMoreMark = Buffer.from('"hasMore":true');

/** GETs one page; resolves to { entries, cursor, more }. */
function page(cursor) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/changes?since=${cursor}&limit=${limit}`, { agent, headers: { authorization: `Bearer ${token}` } }, res => {
      if (res.statusCode !== 200) {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => reject(new Error(`feed answered ${res.statusCode}: ${Buffer.concat(chunks)}`)));
        return;
      }
      // A needle split between two chunks is found in the seam: the previous chunk's last needle.length - 1 bytes
      // and this chunk's first ones (too short to hold a whole needle on either side, so none is counted twice).
      // The page's last bytes are kept to see whether it says hasMore.
      let entries = 0, tail = Buffer.alloc(0), end = Buffer.alloc(0);
      res.on('data', chunk => {
        if (tail.length && Buffer.concat([tail, chunk.subarray(0, keep)]).indexOf(needle) >= 0) entries++;
        let at = 0;
        while ((at = chunk.indexOf(needle, at)) >= 0) { entries++; at += needle.length; }
        tail = Buffer.concat([tail, chunk.subarray(-keep)]).subarray(-keep);
        end = Buffer.concat([end.subarray(-64), chunk.subarray(-64)]).subarray(-64);
      });
      res.on('end', () => resolve({ entries, cursor: res.headers['x-next-cursor'], more: end.includes(hasMoreMark) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

let cursor = '0', changes = 0, pages = 0;
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
for (;;) {
  const { entries, cursor: next, more } = await page(cursor);
  changes += entries; pages++;
  cursor = next;
  if (!more) break;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
agent.destroy();
console.log(JSON.stringify({ changes, seconds, perSecond: changes / seconds, pages, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 }));
