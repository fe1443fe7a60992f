// `pnpm bench` (gateway, live events): the Z-API callback receiver against a bare node:http
// handler that parses the JSON and answers 200, side by side in one run; and one connection
// event fanned out to many SSE subscribers (instanceEvents), delivery latency per subscriber.
// BENCH_SMOKE=1 runs it briefly and writes nothing (a check that it runs).
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Pool } from 'undici';
import {
  barChart,
  closedLoop,
  machineLine,
  median,
  percentile,
  writeSection,
  type LoadResult,
  pinToCore,
} from '@zapikit/bench-kit';
import { API_KEY, cpuMs, spawnServer, type ServerProcess } from './processes.js';

const SMOKE = process.env.BENCH_SMOKE === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 2 : 16));
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? (SMOKE ? 200 : 500));
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? (SMOKE ? 200 : 3_000));
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? (SMOKE ? 50 : 1_000));
const EVENTS = Number(process.env.BENCH_EVENTS ?? (SMOKE ? 3 : 20));
const CONCURRENCY = 32;
const SECRET = 'bench-webhook-secret-0123456789abcdef0123456789';
const SERVERS = ['bare-callback', 'gateway-receiver'] as const;
type Kind = (typeof SERVERS)[number];

const pinned = pinToCore(process.pid, 1);
const script = fileURLToPath(new URL('./callback-servers.ts', import.meta.url));
const servers = {} as Record<Kind, ServerProcess>;
for (const kind of SERVERS) {
  servers[kind] = await spawnServer(
    [
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each server, to see where the time goes.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      // BENCH_SERVER_FLAGS: extra Node flags for the servers, e.g. --max-semi-space-size=64.
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--conditions=@zapikit/source',
      '--import',
      'tsx',
      script,
      kind,
    ],
    { NODE_ENV: 'production', BENCH_API_KEY: API_KEY, BENCH_WEBHOOK_SECRET: SECRET },
    0,
  );
}

// ---- Receiver throughput: a ConnectedCallback each time, a newer momment each time, over 100
// instances, so every one goes the whole way (read, checked, published).
const pools = {} as Record<Kind, Pool>;
const callers = {} as Record<Kind, () => Promise<void>>;
let momment = Date.now();
for (const kind of SERVERS) {
  const pool = new Pool(servers[kind].url, { connections: CONCURRENCY });
  pools[kind] = pool;
  const path = kind === 'bare-callback' ? '/callback' : `/webhooks/zapi/${SECRET}`;
  callers[kind] = async () => {
    momment += 1;
    const res = await pool.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'ConnectedCallback',
        instanceId: `bench-instance-${String(momment % 100)}`,
        connected: true,
        phone: '5511999999999',
        momment,
      }),
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`${kind}: ${String(res.statusCode)}`);
  };
}
for (const kind of SERVERS) {
  await closedLoop(callers[kind], { concurrency: CONCURRENCY, durationMs: WARMUP_MS });
}
const throughput = {} as Record<Kind, LoadResult[]>;
for (const kind of SERVERS) throughput[kind] = [];
const serverCpuMs = Object.fromEntries(SERVERS.map((kind) => [kind, 0])) as Record<Kind, number>;
for (let round = 0; round < ROUNDS; round += 1) {
  for (const kind of round % 2 === 0 ? SERVERS : [...SERVERS].reverse()) {
    const before = cpuMs(servers[kind].child.pid);
    throughput[kind].push(
      await closedLoop(callers[kind], { concurrency: CONCURRENCY, durationMs: ROUND_MS }),
    );
    serverCpuMs[kind] += (cpuMs(servers[kind].child.pid) ?? NaN) - (before ?? NaN);
  }
}
const ratios = throughput['gateway-receiver'].map(
  (result, round) => result.throughput / (throughput['bare-callback'][round]?.throughput ?? NaN),
);
const ratio = median(ratios);
const rps = (kind: Kind) => median(throughput[kind].map((r) => r.throughput));
const cpuPerCall = (kind: Kind) =>
  (serverCpuMs[kind] * 1000) / throughput[kind].reduce((sum, r) => sum + r.requests, 0);
const errors = (kind: Kind) => throughput[kind].reduce((sum, r) => sum + r.errors, 0);

// ---- Fan-out: SUBSCRIBERS instanceEvents subscriptions over yoga's SSE, one event at a time.
const gatewayUrl = servers['gateway-receiver'].url;
const agent = new HttpAgent({ keepAlive: true, maxSockets: SUBSCRIBERS + 16 });
const arrivals: number[][] = [];
let connected = 0;
const streams = Array.from({ length: SUBSCRIBERS }, (_, index) => {
  const abort = new AbortController();
  const seen: number[] = [];
  arrivals[index] = seen;
  // node:http, not fetch: the load generator's own cost per event must stay small beside the
  // gateway's, or the figure measures the client.
  const done = new Promise<void>((resolve) => {
    const req = httpRequest(
      `${gatewayUrl}/graphql`,
      {
        method: 'POST',
        agent,
        signal: abort.signal,
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json',
          authorization: `Bearer ${API_KEY}`,
        },
      },
      (res) => {
        connected += 1;
        res.on('data', (chunk: Buffer) => {
          const now = performance.timeOrigin + performance.now();
          const text = chunk.toString('utf8');
          for (
            let at = text.indexOf('event: next');
            at >= 0;
            at = text.indexOf('event: next', at + 1)
          )
            seen.push(now);
        });
        res.on('close', resolve);
        res.on('error', () => {
          resolve();
        });
      },
    );
    req.on('error', () => {
      resolve();
    });
    req.end(JSON.stringify({ query: 'subscription { instanceEvents { instanceId state at } }' }));
  });
  return { abort, done };
});
while (connected < SUBSCRIBERS) await sleep(20);
await sleep(500);
const deliveries: number[] = [];
const fanOutCpuBefore = cpuMs(servers['gateway-receiver'].child.pid);
for (let event = 0; event < EVENTS; event += 1) {
  const sent = performance.timeOrigin + performance.now();
  const res = await pools['gateway-receiver'].request({
    method: 'POST',
    path: `/webhooks/zapi/${SECRET}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: event % 2 === 0 ? 'DisconnectedCallback' : 'ConnectedCallback',
      instanceId: 'fan-out',
      momment: Date.now() + event,
    }),
  });
  await res.body.dump();
  // Every subscriber's arrival for this event, once all (or 2 s) have it.
  const deadline = Date.now() + 2_000;
  while (arrivals.some((seen) => seen.length <= event) && Date.now() < deadline) await sleep(5);
  for (const seen of arrivals) {
    const arrived = seen[event];
    deliveries.push(arrived === undefined ? Number.POSITIVE_INFINITY : arrived - sent);
  }
  await sleep(100);
}
const fanOutCpuMs =
  (cpuMs(servers['gateway-receiver'].child.pid) ?? NaN) - (fanOutCpuBefore ?? NaN);
for (const stream of streams) stream.abort.abort();
await Promise.all(streams.map((stream) => stream.done));
agent.destroy();
for (const pool of Object.values(pools)) await pool.close();
for (const server of Object.values(servers)) server.child.kill('SIGTERM');

const sorted = [...deliveries].sort((a, b) => a - b);
const lost = deliveries.filter((ms) => !Number.isFinite(ms)).length;
const fmt = (n: number, digits = 0) => n.toFixed(digits);
const spread = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `${fmt(percentile(s, 0.25), 2)}–${fmt(percentile(s, 0.75), 2)}`;
};
const label: Record<Kind, string> = {
  'bare-callback': 'bare node:http: parse JSON, answer 200',
  'gateway-receiver': 'gateway receiver (secret check, readCallback, dedupe, publish)',
};

const markdown = `## Gateway: live connection events

${machineLine()}

**Callback receiver.** Both servers in their own process with \`NODE_ENV=production\`, each
POSTed a ConnectedCallback (a newer \`momment\` every time, over 100 instances, so every callback
is read, checked and published) from ${CONCURRENCY} loops; ${ROUNDS} rounds of ${ROUND_MS} ms in alternating
order after ${WARMUP_MS / 1000} s of warm-up each; "vs bare" is the median of each round's ratio.
${pinned ? 'Servers pinned to one core, the load generator to the other.' : 'taskset was not available: everything shares both cores.'}

| server | callbacks/s | vs bare | spread | server CPU µs/call | errors |
| --- | ---: | ---: | ---: | ---: | ---: |
${SERVERS.map((kind) => `| ${label[kind]} | ${fmt(rps(kind))} | ${kind === 'bare-callback' ? '1.00x' : `${fmt(ratio, 2)}x`} | ${kind === 'bare-callback' ? '' : spread(ratios)} | ${fmt(cpuPerCall(kind))} | ${String(errors(kind))} |`).join('\n')}

Receiver vs bare: **${fmt(ratio, 2)}x** (goal at least 0.5x).

**Fan-out.** ${String(SUBSCRIBERS)} \`instanceEvents\` subscriptions over yoga's SSE (one HTTP connection
each) on the gateway, then ${String(EVENTS)} callbacks one after another; delivery is from sending the
callback to the event's bytes reaching each subscriber (${String(deliveries.length)} deliveries, ${String(lost)} lost).

| p50 ms | p90 ms | p99 ms | max ms |
| ---: | ---: | ---: | ---: |
| ${fmt(percentile(sorted, 0.5), 1)} | ${fmt(percentile(sorted, 0.9), 1)} | ${fmt(percentile(sorted, 0.99), 1)} | ${fmt(sorted.at(-1) ?? NaN, 1)} |

The gateway's CPU time over the fan-out: **${fmt((fanOutCpuMs * 1000) / deliveries.length, 1)} µs per delivery**
(the 100 ms pauses between events included).

p99 delivery to ${String(SUBSCRIBERS)} subscribers: **${fmt(percentile(sorted, 0.99), 1)} ms** (goal at most 50 ms).

${barChart({
  title: 'Server CPU per callback',
  unit: 'µs',
  bars: SERVERS.map((kind) => ({ label: kind, value: cpuPerCall(kind) })),
})}
`;

if (!SMOKE)
  writeSection(
    new URL('../../../docs/benchmarks.md', import.meta.url),
    'gateway-live-events',
    markdown,
  );
console.log(markdown);
if (SERVERS.some((kind) => errors(kind) > 0) || lost > 0) process.exitCode = 1;
