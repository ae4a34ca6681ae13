// Reads the whole change feed of a running server, page after page, and prints one JSON line:
// {"changes": N, "seconds": S, "perSecond": R, "pages": P}. Bodies are counted, not parsed: the cursor
// comes in the X-Next-Cursor header, so the client costs little next to the server.
// Usage: node feed-read.mjs BASE_URL TOKEN [LIMIT]
const [base, token, limitArg] = process.argv.slice(2);
const limit = Number(limitArg ?? 10000);
const headers = { authorization: `Bearer ${token}` };
let cursor = '0', changes = 0, pages = 0;
const started = process.hrtime.bigint();
for (;;) {
  const res = await fetch(`${base}/api/v1/changes?since=${cursor}&limit=${limit}`, { headers });
  if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
  const body = Buffer.from(await res.arrayBuffer());
  // Each entry starts with {"seq": — counting them is enough.
  let n = 0, at = 0;
  const needle = Buffer.from('{"seq":');
  while ((at = body.indexOf(needle, at)) >= 0) { n++; at += needle.length; }
  changes += n; pages++;
  cursor = res.headers.get('x-next-cursor');
  if (!body.includes('"hasMore":true')) break;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ changes, seconds, perSecond: changes / seconds, pages }));
