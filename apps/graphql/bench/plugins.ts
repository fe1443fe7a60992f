// `pnpm bench:plugins` (and the end of `pnpm bench`): what each of the gateway's plugins costs.
// The full gateway, a second copy of it (an A/A pair, to show the noise) and the gateway without
// each plugin in turn, each in its own process, take the same create in interleaved rounds; the
// server's own CPU time per create (from /proc) prices what the left-out plugin did.
import { Pool } from 'undici';
import { closedLoop, machineLine, median, pinToCore, writeSection } from '@zapikit/bench-kit';
import { GATEWAY_PLUGINS, type GatewayPluginName } from '../src/app.js';
import {
  cpuMs,
  gatewayCaller,
  spawnBenchServer,
  spawnUpstream,
  type ServerProcess,
} from './processes.js';

const ROUNDS = Number(process.env.BENCH_PLUGIN_ROUNDS ?? 12);
const ROUND_MS = Number(process.env.BENCH_PLUGIN_ROUND_MS ?? 500);
// Longer than the other bench's: sixteen servers share one core, and each needs several seconds
// of load before its CPU per call settles.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 8_000);
const CONCURRENCY = 32;

type Variant = 'full' | 'full (again)' | GatewayPluginName;
const VARIANTS: Variant[] = ['full', 'full (again)', ...GATEWAY_PLUGINS];

const pinned = pinToCore(process.pid, 1);
const upstream = await spawnUpstream();
const servers = new Map<Variant, ServerProcess>();
for (const variant of VARIANTS) {
  const omit =
    variant === 'full' || variant === 'full (again)' ? {} : { BENCH_OMIT_PLUGIN: variant };
  servers.set(variant, await spawnBenchServer('gateway', upstream, omit));
}
const pools = new Map<Variant, Pool>();
const callers = new Map<Variant, () => Promise<void>>();
for (const [variant, server] of servers) {
  const pool = new Pool(server.url, { connections: CONCURRENCY });
  pools.set(variant, pool);
  callers.set(variant, gatewayCaller(pool, variant));
}
const server = (variant: Variant) => servers.get(variant) as ServerProcess;
const caller = (variant: Variant) => callers.get(variant) as () => Promise<void>;

for (const variant of VARIANTS)
  await closedLoop(caller(variant), { concurrency: CONCURRENCY, durationMs: WARMUP_MS });

// Each round measures every variant once, in alternating order; a round's figures are taken
// within seconds of each other, so each round's difference to the full gateway is a fair one.
const perCall = new Map<Variant, number[]>(VARIANTS.map((variant) => [variant, []]));
const rates = new Map<Variant, number[]>(VARIANTS.map((variant) => [variant, []]));
let errors = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
  for (const variant of order) {
    const pid = server(variant).child.pid;
    const before = cpuMs(pid) ?? Number.NaN;
    const result = await closedLoop(caller(variant), {
      concurrency: CONCURRENCY,
      durationMs: ROUND_MS,
    });
    const after = cpuMs(pid) ?? Number.NaN;
    errors += result.errors;
    rates.get(variant)?.push(result.throughput);
    perCall.get(variant)?.push(((after - before) * 1000) / Math.max(1, result.requests));
  }
}
for (const pool of pools.values()) await pool.close();
for (const { child } of [...servers.values(), upstream]) child.kill('SIGTERM');

const fmt = (n: number) => n.toFixed(0);
const series = (variant: Variant) => perCall.get(variant) ?? [];
/** The full gateway's CPU per call in a round: the mean of its two copies. */
const baseline = (round: number) =>
  ((series('full')[round] ?? Number.NaN) + (series('full (again)')[round] ?? Number.NaN)) / 2;
/** The median over rounds of the full gateway's CPU per call minus this variant's, that round. */
const saved = (variant: Variant) =>
  median(series(variant).map((value, round) => baseline(round) - value));
const full = median(series('full').map((_value, round) => baseline(round)));
const row = (variant: Variant) =>
  `| ${variant} | ${fmt(median(rates.get(variant) ?? []))} | ${fmt(median(series(variant)))} | ${fmt(saved(variant))} | ${((saved(variant) / full) * 100).toFixed(0)}% |`;

const markdown = `## Gateway: what each plugin costs

${machineLine()}

The full gateway (as in the section above), a second copy of it, and the full gateway with one
plugin left out (\`omitPlugins\`; without \`access-control\` it runs with no API keys, as the open
mode does), each in its own process on one core, take the same create from ${CONCURRENCY} callers in
${ROUNDS} interleaved rounds of ${ROUND_MS} ms. "CPU µs/call" is the median over rounds of the server's
own CPU time per create (from /proc); "saved" is the median over rounds of the full gateway's
figure (the mean of its two copies) minus this one, the same round: what the plugin costs. The
two "full" rows differ only by noise: a saving no larger than their difference says nothing.
${pinned ? '' : 'taskset was not available: the servers, the upstream and the load generator share both cores.\n'}
| left out | calls/s | CPU µs/call | saved µs/call | of the full gateway |
| --- | ---: | ---: | ---: | ---: |
${VARIANTS.map(row).join('\n')}
`;

if (process.env.BENCH_PLUGIN_WRITE !== '0')
  writeSection(
    new URL('../../../docs/benchmarks.md', import.meta.url),
    'gateway-plugins',
    markdown,
  );
console.log(markdown);
if (errors > 0) {
  console.error(`${errors} calls failed`);
  process.exitCode = 1;
}
