// `pnpm bench` (gateway): createInstance through the full gateway, a minimal yoga + Pothos
// handler, and a bare node:http handler that validates and forwards the same call with undici,
// all against the same minimal upstream, side by side in one run.
import type { ChildProcess } from 'node:child_process';
import { Pool } from 'undici';
import type { GcStats } from './servers.js';
import {
  closedLoop,
  machineLine,
  median,
  percentile,
  openLoop,
  writeSection,
  barChart,
  type LoadResult,
  pinToCore,
} from '@zapikit/bench-kit';
import { redisAvailable, redisSkipReason, startRedis } from '@zapikit/test-redis';
import { API_KEY, cpuMs, gatewayCaller, spawnBenchServer, spawnUpstream } from './processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 24);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 500);
const LATENCY_ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 10);
const LATENCY_ROUND_MS = Number(process.env.BENCH_LATENCY_ROUND_MS ?? 3_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 4_000);
const CONCURRENCY = 32;
const SERVERS = ['bare', 'minimal', 'gateway', 'gateway-memory', 'gateway-redis'] as const;
type Kind = (typeof SERVERS)[number];

const pinned = pinToCore(process.pid, 1);
const upstream = await spawnUpstream();
// The Redis store's own server, beside the upstream: loopback, no persistence.
if (!redisAvailable) throw new Error(redisSkipReason);
const redis = await startRedis();
const servers = {} as Record<Kind, { url: string; child: ChildProcess }>;
for (const kind of SERVERS)
  servers[kind] = await spawnBenchServer(kind, upstream, { REDIS_URL: redis.url });

const callers: Record<Kind, () => Promise<void>> = {} as never;
const pools = {} as Record<Kind, Pool>;
for (const kind of SERVERS) {
  const pool = new Pool(servers[kind].url, { connections: CONCURRENCY });
  pools[kind] = pool;
  if (kind.startsWith('gateway')) {
    callers[kind] = gatewayCaller(pool, kind, { withKey: kind !== 'gateway' });
    continue;
  }
  let n = 0;
  callers[kind] = async () => {
    n += 1;
    const name = `Bench ${n}`;
    const request =
      kind === 'bare'
        ? {
            path: '/create',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name, receivedCallbackUrl: 'https://hooks.example.com/in' }),
          }
        : {
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
            body: JSON.stringify({
              query: 'mutation ($name: String!) { createInstance(name: $name) { id name } }',
              variables: { name },
            }),
          };
    const res = await pool.request({ method: 'POST', ...request });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('"id"'))
      throw new Error(`${kind}: ${res.statusCode} ${text.slice(0, 200)}`);
  };
}

for (const kind of SERVERS) {
  await callers[kind]();
  await closedLoop(callers[kind], { concurrency: CONCURRENCY, durationMs: WARMUP_MS });
}

/** Runs `measure` for every server in each round, alternating the order, and keeps each result. */
async function interleaved(
  rounds: number,
  measure: (kind: Kind) => Promise<LoadResult>,
): Promise<Record<Kind, LoadResult[]>> {
  const results = Object.fromEntries(SERVERS.map((kind) => [kind, []])) as unknown as Record<
    Kind,
    LoadResult[]
  >;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    for (const kind of order) results[kind].push(await measure(kind));
  }
  return results;
}

// Short rounds, interleaved: this VM's speed drifts by ±30% over seconds, and a round's servers
// are measured within a couple of seconds of each other, so each round's ratio is a fair one.
const serverCpuMs = Object.fromEntries(SERVERS.map((kind) => [kind, 0])) as Record<Kind, number>;
const throughput = await interleaved(ROUNDS, async (kind) => {
  const before = cpuMs(servers[kind].child.pid);
  const result = await closedLoop(callers[kind], {
    concurrency: CONCURRENCY,
    durationMs: ROUND_MS,
  });
  const after = cpuMs(servers[kind].child.pid);
  serverCpuMs[kind] += (after ?? NaN) - (before ?? NaN);
  return result;
});
/** The server's garbage collections since the last call (servers.ts answers GET /__gc). */
const gcSince = async (kind: Kind): Promise<GcStats> => {
  const res = await pools[kind].request({ method: 'GET', path: '/__gc' });
  return (await res.body.json()) as GcStats;
};
const gcAt200 = Object.fromEntries(SERVERS.map((kind) => [kind, []])) as unknown as Record<
  Kind,
  GcStats[]
>;
const latency = await interleaved(LATENCY_ROUNDS, async (kind) => {
  await gcSince(kind);
  const result = await openLoop(callers[kind], {
    ratePerSecond: 200,
    durationMs: LATENCY_ROUND_MS,
  });
  gcAt200[kind].push(await gcSince(kind));
  return result;
});
for (const pool of Object.values(pools)) await pool.close();
for (const server of [...Object.values(servers), upstream]) server.child.kill('SIGTERM');
await redis.stop();

const fmt = (n: number, digits = 0) => n.toFixed(digits);
/** Each round's throughput of `kind` over that of `base` in the same round. */
const ratios = (kind: Kind, base: Kind = 'bare') =>
  throughput[kind].map(
    (result, round) => result.throughput / (throughput[base][round]?.throughput ?? NaN),
  );
const ratio = (kind: Kind, base: Kind = 'bare') => median(ratios(kind, base));
/** The middle half of the values, as "p25–p75". */
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${fmt(percentile(sorted, 0.25), 2)}–${fmt(percentile(sorted, 0.75), 2)}`;
};
/** The server process's CPU time per call over all throughput rounds, in µs. */
const cpuPerCall = (kind: Kind) =>
  (serverCpuMs[kind] * 1000) / throughput[kind].reduce((sum, r) => sum + r.requests, 0);
const rps = (kind: Kind) => median(throughput[kind].map((r) => r.throughput));
const p50 = (kind: Kind) => median(latency[kind].map((r) => r.p50Ms));
const p99 = (kind: Kind) => median(latency[kind].map((r) => r.p99Ms));
/** The median over rounds of each round's p99 minus the bare handler's p99 in that round. */
const p99Added = (kind: Kind) =>
  median(latency[kind].map((result, round) => result.p99Ms - (latency.bare[round]?.p99Ms ?? NaN)));
const errors = (kind: Kind) =>
  [...throughput[kind], ...latency[kind]].reduce((sum, r) => sum + r.errors, 0);
/** The median over latency rounds of a GC figure per second of the round. */
const gcRate = (kind: Kind, figure: keyof GcStats) =>
  median(gcAt200[kind].map((gc) => (gc[figure] * 1000) / LATENCY_ROUND_MS));
const label: Record<Kind, string> = {
  bare: 'bare node:http + zod + undici',
  minimal: 'minimal yoga + Pothos (no features)',
  gateway: 'full gateway (stock yoga)',
  'gateway-memory': 'gateway, memory store (creates with a key)',
  'gateway-redis': 'gateway, Redis store (creates with a key)',
};
/** The median over rounds of each round's p99 of the Redis store minus the memory store's. */
const redisP99Added = median(
  latency['gateway-redis'].map(
    (result, round) => result.p99Ms - (latency['gateway-memory'][round]?.p99Ms ?? NaN),
  ),
);

/** One row of the garbage-collection table. */
const gcRow = (kind: Kind) =>
  [
    label[kind],
    fmt(gcRate(kind, 'scavenges'), 1),
    fmt(median(gcAt200[kind].map((gc) => gc.longestScavengeMs)), 2),
    fmt(gcRate(kind, 'scavengeMs'), 2),
    fmt(gcRate(kind, 'otherMs'), 2),
  ].join(' | ');

const markdown = `## Gateway: \`createInstance\` through the full gateway vs a bare handler

${machineLine()}

Three servers (and two more below), each in its own process, forward the same create to the same minimal upstream
(\`packages/client/bench/upstream.mjs\`): a bare \`node:http\` handler that validates the input and
the answer with the zod schema and forwards with undici; a minimal graphql-yoga + Pothos handler
with one mutation and none of the gateway's features; and the full gateway (API key check, scopes,
graphql-armor, CSRF, paid-mutation rule, idempotency store, operation log to pino, masked errors),
every request through stock yoga. All run with \`NODE_ENV=production\`, as deployed, and are warmed
up for ${WARMUP_MS / 1000} s each.
${pinned ? 'The servers under test were pinned to one core, the upstream and the load generator to the other (taskset): on these 2-core machines they still share the CPU, so absolute figures are low and the ratios are what this measures.' : 'taskset was not available: the upstream, the load generator and the servers share both cores.'}
Throughput: ${CONCURRENCY} requests in flight, ${ROUNDS} rounds of ${ROUND_MS} ms, every server once per
round in alternating order; "vs bare" is the median over rounds of each round's ratio to the bare
handler, and the spread is the middle half of those ratios. "Server CPU" is the server process's
own CPU time (from /proc) over all throughput rounds, per call: the cost that does not depend
on how fast the other core is. Latency: an open loop at 200
requests/s, ${LATENCY_ROUNDS} interleaved rounds of ${LATENCY_ROUND_MS / 1000} s; "p99 added" is the median over rounds of
each round's p99 minus the bare handler's.

| server | calls/s | vs bare | spread | server CPU µs/call | p50 ms @200/s | p99 ms @200/s | p99 added ms | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${SERVERS.map((kind) => `| ${label[kind]} | ${fmt(rps(kind))} | ${fmt(ratio(kind), 2)}x | ${kind === 'bare' ? '' : spread(ratios(kind))} | ${fmt(cpuPerCall(kind))} | ${fmt(p50(kind), 2)} | ${fmt(p99(kind), 2)} | ${kind === 'bare' ? '' : fmt(p99Added(kind), 2)} | ${errors(kind)} |`).join('\n')}

Garbage collection in the same latency rounds (each server's own, from \`perf_hooks\`): a
young-generation collection (scavenge) stops the server, and its pause grows with what survives
it, so the longest one in a round sets a floor under that round's p99. Medians over rounds.

| server | scavenges /s | longest scavenge ms | scavenge ms /s | other GC ms /s |
| --- | ---: | ---: | ---: | ---: |
${SERVERS.map((kind) => `| ${gcRow(kind)} |`).join('\n')}

Full gateway vs bare: **${fmt(ratio('gateway'), 2)}x** throughput, server CPU per create
**${fmt(cpuPerCall('gateway') / cpuPerCall('bare'), 1)}x** the bare handler's (limit 4.5x), p99 at 200/s
**${fmt(p99Added('gateway'), 2)} ms** above the bare handler's (limit +2 ms). The full gateway reaches
${fmt(ratio('gateway', 'minimal'), 2)}x of the minimal yoga + Pothos handler's throughput.

Idempotency stores: the same gateway with every create carrying a new idempotency key, its keys
in process memory or in Redis (a local \`redis-server\` started by the bench, loopback, no
persistence; each keyed create claims, then records, with one Lua script each). Redis store vs
memory store: **${fmt(ratio('gateway-redis', 'gateway-memory'), 2)}x** throughput (goal at least
0.8x), p99 at 200/s **${fmt(redisP99Added, 2)} ms** above the memory store's (goal at most +1 ms).

${barChart({
  title: 'Server CPU per create',
  unit: 'µs',
  bars: SERVERS.map((kind) => ({ label: kind, value: cpuPerCall(kind) })),
})}

${barChart({
  title: 'p99 at 200 requests/s',
  unit: 'ms',
  bars: SERVERS.map((kind) => ({ label: kind, value: p99(kind) })),
})}
`;

writeSection(new URL('../../../docs/benchmarks.md', import.meta.url), 'gateway', markdown);
console.log(markdown);
if (SERVERS.some((kind) => errors(kind) > 0)) process.exitCode = 1;
