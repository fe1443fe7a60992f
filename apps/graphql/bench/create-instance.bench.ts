// `pnpm bench` (gateway): createInstance through the full gateway, a minimal yoga + Pothos
// handler, and a bare node:http handler that validates and forwards the same call with undici,
// all against the same minimal upstream, side by side in one run.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import {
  closedLoop,
  machineLine,
  median,
  openLoop,
  writeSection,
  type LoadResult,
  pinToCore,
} from '@zapikit/bench-kit';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2_000);
const CONCURRENCY = 32;
const PARTNER_TOKEN = 'bench-partner-token';
const API_KEY = 'bench-api-key-0123456789abcdef0123456789abcdef';
const SERVERS = ['bare', 'minimal', 'gateway'] as const;
type Kind = (typeof SERVERS)[number];

async function spawnServer(
  args: string[],
  env: Record<string, string>,
  core: number,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  pinToCore(child.pid, core);
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const url = /listening on (http:\/\/\S+)/.exec(chunk.toString())?.[1];
  if (!url) throw new Error(`did not start: ${chunk.toString()}`);
  return { url, child };
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const pinned = pinToCore(process.pid, 1);
const upstream = await spawnServer(
  [here('../../../packages/client/bench/upstream.mjs')],
  { BENCH_PARTNER_TOKEN: PARTNER_TOKEN },
  1,
);
const servers = {} as Record<Kind, { url: string; child: ChildProcess }>;
for (const kind of SERVERS) {
  servers[kind] = await spawnServer(
    ['--conditions=@zapikit/source', '--import', 'tsx', here('./servers.ts'), kind],
    // As deployed: graphql-js skips its development-only checks in production.
    {
      UPSTREAM_URL: upstream.url,
      BENCH_PARTNER_TOKEN: PARTNER_TOKEN,
      BENCH_API_KEY: API_KEY,
      NODE_ENV: 'production',
    },
    0,
  );
}

const callers: Record<Kind, () => Promise<void>> = {} as never;
const pools: Pool[] = [];
for (const kind of SERVERS) {
  const pool = new Pool(servers[kind].url, { connections: CONCURRENCY });
  pools.push(pool);
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
            body: JSON.stringify(
              kind === 'minimal'
                ? {
                    query: 'mutation ($name: String!) { createInstance(name: $name) { id name } }',
                    variables: { name },
                  }
                : {
                    query:
                      'mutation ($input: CreateInstanceInput!) { createInstance(input: $input) { instance { id name } userErrors { code } } }',
                    variables: {
                      input: { name, receivedCallbackUrl: 'https://hooks.example.com/in' },
                    },
                  },
            ),
          };
    const res = await pool.request({ method: 'POST', ...request });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('"id"'))
      throw new Error(`${kind}: ${res.statusCode} ${text.slice(0, 200)}`);
  };
}

for (const kind of SERVERS) {
  await callers[kind]();
  await closedLoop(callers[kind], { concurrency: CONCURRENCY, durationMs: 4_000 });
}
const throughput: Record<Kind, LoadResult[]> = { bare: [], minimal: [], gateway: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
  for (const kind of order)
    throughput[kind].push(
      await closedLoop(callers[kind], { concurrency: CONCURRENCY, durationMs: ROUND_MS }),
    );
}
const latency: Record<Kind, LoadResult[]> = { bare: [], minimal: [], gateway: [] };
for (let round = 0; round < 3; round += 1) {
  for (const kind of SERVERS)
    latency[kind].push(await openLoop(callers[kind], { ratePerSecond: 200, durationMs: 5_000 }));
}
for (const pool of pools) await pool.close();
for (const server of [...Object.values(servers), upstream]) server.child.kill('SIGTERM');

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const rps = (kind: Kind) => median(throughput[kind].map((r) => r.throughput));
const ratio = (kind: Kind) => rps(kind) / rps('bare');
const perRound = (kind: Kind) =>
  throughput[kind]
    .map((r, i) => fmt(r.throughput / (throughput.bare[i]?.throughput ?? NaN), 2))
    .join(', ');
const p99 = (kind: Kind) => median(latency[kind].map((r) => r.p99Ms));
const p50 = (kind: Kind) => median(latency[kind].map((r) => r.p50Ms));
const errors = (kind: Kind) =>
  [...throughput[kind], ...latency[kind]].reduce((sum, r) => sum + r.errors, 0);
const label: Record<Kind, string> = {
  bare: 'bare node:http + zod + undici',
  minimal: 'minimal yoga + Pothos (no features)',
  gateway: 'full gateway (every feature on)',
};

const markdown = `## Gateway: \`createInstance\` through the full gateway vs a bare handler

${machineLine()}

Three servers, each in its own process, forward the same create to the same minimal upstream
(\`packages/client/bench/upstream.mjs\`): a bare \`node:http\` handler that validates the input and
the answer with the zod schema and forwards with undici; a minimal graphql-yoga + Pothos handler
with one mutation and none of the gateway's features; and the full gateway (API key check, scopes,
graphql-armor, CSRF, paid-mutation rule, idempotency store, operation log to pino, masked errors).
All run with \`NODE_ENV=production\`, as deployed, and are warmed up for 4 s each.
${pinned ? 'The servers under test were pinned to one core, the upstream and the load generator to the other (taskset): on these 2-core machines they still share the CPU, so absolute figures are low and the ratios are what this measures.' : 'taskset was not available: the upstream, the load generator and the servers share both cores.'}
Throughput: ${CONCURRENCY} requests in flight, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s, median.
Latency: an open loop at 200 requests/s for 5 s, 3 rounds, median p50/p99.

| server | calls/s | vs bare | per round | p50 ms @200/s | p99 ms @200/s | errors |
| --- | ---: | ---: | --- | ---: | ---: | ---: |
${SERVERS.map((kind) => `| ${label[kind]} | ${fmt(rps(kind))} | ${fmt(ratio(kind), 2)}x | ${perRound(kind)} | ${fmt(p50(kind), 2)} | ${fmt(p99(kind), 2)} | ${errors(kind)} |`).join('\n')}

Full gateway vs bare: **${fmt(ratio('gateway'), 2)}x** throughput (floor 0.30x, aim 0.5x), p99 at 200/s
${fmt(p99('gateway') - p99('bare'), 2)} ms above the bare handler's (limit +2 ms). The full gateway
reaches ${fmt(rps('gateway') / rps('minimal'), 2)}x of the minimal yoga + Pothos handler: what its
features cost per request.
`;

writeSection(new URL('../../../docs/benchmarks.md', import.meta.url), 'gateway', markdown);
console.log(markdown);
if (SERVERS.some((kind) => errors(kind) > 0)) process.exitCode = 1;
