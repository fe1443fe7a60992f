// `pnpm bench`: createInstance through the client against a bare undici request doing the same
// call, on the same local upstream, in alternating rounds. Two upstreams: a minimal create
// endpoint (so the client's own cost decides throughput) and the sandbox (an upstream that does
// work, as Z-API does). Where taskset exists, the upstream and this process get a core each.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import {
  closedLoop,
  machineLine,
  median,
  writeSection,
  barChart,
  type LoadResult,
  pinToCore,
} from '@zapikit/bench-kit';
import { createZapiClient } from '../src/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1_500);
const CONCURRENCY = 16;
const PARTNER_TOKEN = 'bench-partner-token';
const BODY = {
  name: 'Benchmark instance',
  receivedCallbackUrl: 'https://hooks.example.com/received',
  deliveryCallbackUrl: 'https://hooks.example.com/delivery',
  callRejectAuto: true,
  callRejectMessage: 'Sorry, no calls',
};
const UPSTREAMS = {
  minimal: {
    label:
      'a minimal create endpoint (cheap on purpose: the process under test runs out of CPU first)',
    script: fileURLToPath(new URL('./upstream.mjs', import.meta.url)),
  },
  sandbox: {
    label: 'the sandbox (reads, checks and stores each create, as a real upstream does work)',
    script: fileURLToPath(new URL('../../sandbox/bin/zapi-sandbox.js', import.meta.url)),
  },
} as const;

async function startUpstream(script: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [script], {
    // stdout is piped (below), so child.stdout is always there.
    env: {
      ...process.env,
      BENCH_PARTNER_TOKEN: PARTNER_TOKEN,
      ZAPI_SANDBOX_PORT: '0',
      ZAPI_SANDBOX_PARTNER_TOKEN: PARTNER_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.pid !== undefined) pinToCore(child.pid, 1);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const url = /listening on (http:\/\/\S+)/.exec(chunk.toString())?.[1];
  if (!url) throw new Error(`the upstream did not start: ${chunk.toString()}`);
  return { url, child };
}

type Measured = LoadResult & { cpuUsPerCall: number };

/** A load run, with the CPU time this process spent per completed call. */
async function measure(task: () => Promise<unknown>): Promise<Measured> {
  const before = process.cpuUsage();
  const result = await closedLoop(task, { concurrency: CONCURRENCY, durationMs: ROUND_MS });
  const used = process.cpuUsage(before);
  return { ...result, cpuUsPerCall: (used.user + used.system) / Math.max(1, result.requests) };
}

async function compare(script: string) {
  const upstream = await startUpstream(script);
  const client = createZapiClient({ partnerToken: PARTNER_TOKEN, baseUrl: upstream.url });
  const bare = new Pool(upstream.url, { connections: 32, keepAliveTimeout: 4_000 });
  const headers = {
    authorization: `Bearer ${PARTNER_TOKEN}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const bareCreate = async () => {
    const res = await bare.request({
      path: '/instances/integrator/on-demand',
      method: 'POST',
      headers,
      body: JSON.stringify(BODY),
    });
    const body = JSON.parse(await res.body.text()) as { id?: string };
    if (res.statusCode !== 200 || !body.id)
      throw new Error(`bare create failed: ${res.statusCode}`);
  };
  const clientCreate = () => client.createInstance(BODY);

  // Warm both paths (JIT, connections) before measuring.
  await closedLoop(bareCreate, { concurrency: CONCURRENCY, durationMs: 1_000 });
  await closedLoop(clientCreate, { concurrency: CONCURRENCY, durationMs: 1_000 });
  const runs: { bare: Measured[]; client: Measured[] } = { bare: [], client: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate which goes first so neither always meets a warmer or busier machine.
    const order = round % 2 === 0 ? (['bare', 'client'] as const) : (['client', 'bare'] as const);
    for (const side of order)
      runs[side].push(await measure(side === 'bare' ? bareCreate : clientCreate));
  }
  await client.close();
  await bare.close();
  upstream.child.kill('SIGTERM');

  const summary = (results: Measured[]) => ({
    throughput: median(results.map((r) => r.throughput)),
    p50: median(results.map((r) => r.p50Ms)),
    p99: median(results.map((r) => r.p99Ms)),
    cpu: median(results.map((r) => r.cpuUsPerCall)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  });
  const b = summary(runs.bare);
  const c = summary(runs.client);
  const ratios = runs.client.map((r, i) => r.throughput / (runs.bare[i]?.throughput ?? Number.NaN));
  return { b, c, ratio: c.throughput / b.throughput, ratios };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const pinned = pinToCore(process.pid, 0);
const sections: string[] = [];
let failed = false;
for (const [name, upstream] of Object.entries(UPSTREAMS)) {
  const { b, c, ratio, ratios } = await compare(upstream.script);
  failed ||= b.errors + c.errors > 0;
  sections.push(`### Upstream: ${name}

Against ${upstream.label}.

| | calls/s | p50 ms | p99 ms | CPU µs/call | errors |
| --- | ---: | ---: | ---: | ---: | ---: |
| bare undici \`request\` | ${fmt(b.throughput)} | ${fmt(b.p50, 2)} | ${fmt(b.p99, 2)} | ${fmt(b.cpu)} | ${b.errors} |
| \`client.createInstance\` | ${fmt(c.throughput)} | ${fmt(c.p50, 2)} | ${fmt(c.p99, 2)} | ${fmt(c.cpu)} | ${c.errors} |

Client / bare throughput: **${fmt(ratio, 2)}x** (per round: ${ratios.map((r) => fmt(r, 2)).join(', ')}; goal ≥ 0.90x).
The client adds ${fmt(c.cpu - b.cpu)} µs of CPU per call.

${barChart({
  title: `Creates per second, upstream: ${name}`,
  unit: 'calls/s',
  bars: [
    { label: 'bare undici', value: b.throughput },
    { label: 'client', value: c.throughput },
  ],
})}`);
}
const heapMb = process.memoryUsage().heapUsed / 1024 ** 2;

const markdown = `## Client: \`createInstance\` vs a bare undici request

${machineLine()}

Both send the same create (5 fields) over loopback to the same upstream in a child process,
${CONCURRENCY} calls in flight, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s after a warm-up;
figures are the median of the rounds. ${pinned ? 'The upstream and the process under test were pinned to one core each (taskset).' : 'taskset was not available: the upstream and the process under test shared both cores.'}
The client validates the input with the zod schema, sends through its undici pool, and validates
and normalises the response; the bare call only serialises the body and parses the JSON answer.
"CPU µs/call" is the process under test's CPU time per completed call, the steadiest measure of
what the client adds. Heap in use at the end of the run: ${fmt(heapMb)} MiB.

${sections.join('\n\n')}
`;

writeSection(new URL('../../../docs/benchmarks.md', import.meta.url), 'client', markdown);
console.log(markdown);
if (failed) process.exitCode = 1;
