// `pnpm bench:plugins` (and the end of `pnpm bench`): what each of the gateway's plugins costs.
// The full gateway, a second copy of it (an A/A pair, to show the noise) and the gateway without
// each plugin in turn, each in its own process, take the same create in interleaved rounds; the
// server's own CPU time per create (from /proc) prices what the left-out plugin did.
import { Pool } from 'undici';
import {
  barChart,
  closedLoop,
  machineLine,
  median,
  pinToCore,
  writeSection,
} from '@zapikit/bench-kit';
import { GATEWAY_PLUGINS, type GatewayPluginName } from '../src/app.js';
import { cpuMs, gatewayCaller, spawnBenchServer, spawnUpstream } from './processes.js';

const ROUNDS = Number(process.env.BENCH_PLUGIN_ROUNDS ?? 10);
const ROUND_MS = Number(process.env.BENCH_PLUGIN_ROUND_MS ?? 500);
// Each server needs a few seconds of load before its CPU per call settles.
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 4_000);
const CONCURRENCY = 32;

type Variant = 'full' | 'full (again)' | GatewayPluginName;
const VARIANTS: Variant[] = ['full (again)', ...GATEWAY_PLUGINS];

const pinned = pinToCore(process.pid, 1);
const upstream = await spawnUpstream();

/**
 * One variant against a fresh full gateway: two servers, warmed up, then interleaved rounds.
 * Only two servers live at a time: a first version kept all sixteen alive, taking turns, and
 * about half of them (the two full copies among them) ran at twice the CPU per call of the
 * rest, whichever plugin they lacked. Long idle gaps between turns are the likely cause (not
 * traced); pairs taking turns every half second behave like the main bench's servers.
 */
async function measurePair(
  variant: Variant,
): Promise<{ full: number[]; variant: number[]; rate: number[] }> {
  const omit = variant === 'full (again)' ? {} : { BENCH_OMIT_PLUGIN: variant };
  const pair = [
    await spawnBenchServer('gateway', upstream, {}),
    await spawnBenchServer('gateway', upstream, omit),
  ] as const;
  const pools = pair.map((server) => new Pool(server.url, { connections: CONCURRENCY }));
  const callers = pools.map((pool, index) => gatewayCaller(pool, index === 0 ? 'full' : variant));
  for (const call of callers)
    await closedLoop(call, { concurrency: CONCURRENCY, durationMs: WARMUP_MS });
  const perCall: [number[], number[]] = [[], []];
  const rate: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const index of order) {
      const pid = pair[index]?.child.pid;
      const before = cpuMs(pid) ?? Number.NaN;
      const result = await closedLoop(callers[index] as () => Promise<void>, {
        concurrency: CONCURRENCY,
        durationMs: ROUND_MS,
      });
      const after = cpuMs(pid) ?? Number.NaN;
      errors += result.errors;
      perCall[index]?.push(((after - before) * 1000) / Math.max(1, result.requests));
      if (index === 1) rate.push(result.throughput);
    }
  }
  for (const pool of pools) await pool.close();
  for (const server of pair) server.child.kill('SIGTERM');
  return { full: perCall[0], variant: perCall[1], rate };
}

let errors = 0;
const measured = new Map<Variant, Awaited<ReturnType<typeof measurePair>>>();
for (const variant of VARIANTS) measured.set(variant, await measurePair(variant));
upstream.child.kill('SIGTERM');

const fmt = (n: number) => n.toFixed(0);
const pairOf = (variant: Variant) => measured.get(variant) ?? { full: [], variant: [], rate: [] };
/** The median over rounds of the full gateway's CPU per call minus this variant's, that round. */
const saved = (variant: Variant) => {
  const { full, variant: without } = pairOf(variant);
  return median(without.map((value, round) => (full[round] ?? Number.NaN) - value));
};
const row = (variant: Variant) => {
  const { full, variant: without, rate } = pairOf(variant);
  const fullMedian = median(full);
  return `| ${variant} | ${fmt(median(rate))} | ${fmt(fullMedian)} | ${fmt(median(without))} | ${fmt(saved(variant))} | ${((saved(variant) / fullMedian) * 100).toFixed(0)}% |`;
};

const markdown = `## Gateway: what each plugin costs

${machineLine()}

For each plugin in turn, a fresh full gateway (as in the section above) and a fresh one with that
plugin left out (\`omitPlugins\`; without \`access-control\` it runs with no API keys, as the open
mode does), each in its own process on one core, are warmed up for ${WARMUP_MS / 1000} s and take the same
create from ${CONCURRENCY} callers in ${ROUNDS} interleaved rounds of ${ROUND_MS} ms. "CPU µs/call" is the median over
rounds of the server's own CPU time per create (from /proc); "saved" is the median over rounds of
the full gateway's figure minus the other's, the same round: what the plugin costs. The first
row pits two full gateways against each other: a saving no larger than its says nothing.
${pinned ? '' : 'taskset was not available: the servers, the upstream and the load generator share both cores.\n'}
| left out | calls/s | full: CPU µs/call | without: CPU µs/call | saved µs/call | of the full gateway |
| --- | ---: | ---: | ---: | ---: | ---: |
${VARIANTS.map(row).join('\n')}

${barChart({
  title: 'CPU saved per create by leaving each plugin out',
  unit: 'µs',
  bars: VARIANTS.map((variant) => ({ label: variant, value: Math.max(0, saved(variant)) })),
})}
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
