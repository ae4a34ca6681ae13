// Binds a fresh queue to the rapport.events exchange (routing key #), then counts events until N arrived
// (or no event came for 20 s) and prints {"events","distinct","seconds","perSecond"} — the rate between the
// first and the last event. Prints "bound" on stderr once the queue is bound. Usage: node bus-consume.mjs AMQP_URI N
import amqp from 'amqplib';

const [uri, n] = process.argv.slice(2);
const expected = Number(n);
const connection = await amqp.connect(uri);
const channel = await connection.createChannel();
await channel.assertExchange('rapport.events', 'topic', { durable: true });
const { queue } = await channel.assertQueue('', { exclusive: true });
await channel.bindQueue(queue, 'rapport.events', '#');
await channel.prefetch(4000);
console.error('bound');
const seen = new Set();
let events = 0, first = 0, last = 0;
const now = () => Number(process.hrtime.bigint()) / 1e6;
await channel.consume(queue, msg => {
  const t = now();
  if (!first) first = t;
  last = t;
  events++;
  seen.add(msg.properties.messageId);
  // Acknowledged 500 at a time (multiple = true), as a high-throughput consumer does: an ack per message is broker
  // work on the same 2 cores as the publisher being measured.
  if (events % 500 === 0 || seen.size >= expected) channel.ack(msg, true);
});
while (seen.size < expected && (!last || now() - last < 20_000)) await new Promise(r => setTimeout(r, 100));
const seconds = (last - first) / 1000;
console.log(JSON.stringify({ events, distinct: seen.size, seconds, perSecond: seen.size / seconds }));
await connection.close();
