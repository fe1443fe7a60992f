// `pnpm bench` (bot): how fast the bot acknowledges interactions while Z-API takes 2 seconds per
// create, and whether its memory stays flat over rounds of 500 interactions.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  machineLine,
  median,
  percentile as sortedPercentile,
  writeSection,
  barChart,
  pinToCore,
} from '@zapikit/bench-kit';
import { startSandbox } from '@zapikit/sandbox';
import { FakeDiscord } from '../test/fake-discord/fake-discord.js';
import { snowflake } from '../test/fake-discord/snowflake.js';
import { SECRETS, startBotProcess, world } from '../test/harness.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PER_ROUND = Number(process.env.BENCH_INTERACTIONS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const UPSTREAM_MS = 2_000;
const ACK_LIMIT_MS = 50;

/** The q-th percentile (0–100) of unsorted values. */
function percentile(values: readonly number[], q: number): number {
  return sortedPercentile(
    [...values].sort((a, b) => a - b),
    q / 100,
  );
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kib / 1024) * 10) / 10;
}

const people = world();
const fake = await FakeDiscord.start({ token: SECRETS.discordToken, guilds: [people.guild] });
const sandbox = await startSandbox({ partnerToken: SECRETS.partnerToken });
sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: UPSTREAM_MS } });
const bot = startBotProcess(
  {
    DISCORD_TOKEN: SECRETS.discordToken,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_ALLOWED_GUILD_IDS: people.guild.id,
    ZAPI_PARTNER_TOKEN: SECRETS.partnerToken,
    ZAPI_BASE_URL: sandbox.url,
    DISCORD_PAID_COOLDOWN_SECONDS: '0',
    NODE_ENV: 'production',
  },
  'dist/main.js',
);
await bot.waitForLog(/Discord bot ready/);
const pid = bot.child.pid ?? 0;
const pinned = pinToCore(pid, 0) && pinToCore(process.pid, 1);

interface Round {
  fakeAck: number[];
  botAck: number[];
  replies: number;
  rss: number;
  seconds: number;
}

async function round(index: number): Promise<Round> {
  const sent = [];
  const started = performance.now();
  for (let n = 0; n < PER_ROUND; n += 1) {
    const due = started + (n * 1_000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    // A different member each time: the cooldown and in-flight guards must not be what is measured.
    const member = { id: snowflake(), username: `bench-${n}`, roles: [] };
    sent.push(fake.command('zapi-create', { name: `bench ${index}-${n}` }, { member }));
  }
  await Promise.all(sent.map((interaction) => fake.reply(interaction, 60_000)));
  const seconds = (performance.now() - started) / 1_000;
  const ids = new Set(sent.map((interaction) => interaction.id));
  const botAck = bot.lines
    .map((line) => JSON.parse(line) as { interactionId?: string; ackMs?: number })
    .filter(
      (line) =>
        line.interactionId !== undefined &&
        ids.has(line.interactionId) &&
        typeof line.ackMs === 'number',
    )
    .map((line) => line.ackMs as number);
  return {
    fakeAck: sent.map((interaction) => (interaction.callback?.at ?? Infinity) - interaction.sentAt),
    botAck,
    replies: sent.filter((interaction) => interaction.edits.length > 0).length,
    rss: rssMiB(pid),
    seconds,
  };
}

const baseline = rssMiB(pid);
const rounds: Round[] = [];
for (let index = 0; index < ROUNDS; index += 1) {
  rounds.push(await round(index));
  console.log(
    `round ${index + 1}: p99 ack ${percentile(rounds.at(-1)?.fakeAck ?? [], 99).toFixed(1)} ms, rss ${rounds.at(-1)?.rss} MiB`,
  );
}
const creates = sandbox.count('create');
await bot.stop();
await fake.close();
await sandbox.close();

const fmt = (value: number) => value.toFixed(1);
const rows = rounds.map((r, i) => {
  const cells = [
    `round ${i + 1}`,
    String(r.replies),
    fmt(percentile(r.botAck, 50)),
    fmt(percentile(r.botAck, 99)),
    fmt(percentile(r.fakeAck, 50)),
    fmt(percentile(r.fakeAck, 99)),
    fmt(Math.max(...r.fakeAck)),
    fmt(r.seconds),
    fmt(r.rss),
  ];
  return `| ${cells.join(' | ')} |`;
});
const allBot = rounds.flatMap((r) => r.botAck);
const allFake = rounds.flatMap((r) => r.fakeAck);
const p99 = percentile(allFake, 99);
const rssAfterFirst = rounds[0]?.rss ?? 0;
const rssLast = rounds.at(-1)?.rss ?? 0;
const markdown = `
## Bot: acknowledging interactions while Z-API is slow

${machineLine()}

${ROUNDS} rounds of ${PER_ROUND} \`/zapi-create\` interactions, sent at ${RATE}/s by a fake Discord
over its WebSocket gateway to the real bot process (\`node dist/main.js\`, as \`pnpm bot\` runs it;
discord.js 14, \`NODE_ENV=production\`,
logging one line per interaction), each from a different member. The sandbox plays Z-API and
takes ${UPSTREAM_MS / 1_000} s to answer every create. The client keeps at most 32 connections to
Z-API, so creates queue there and a round's last reply comes well after its last dispatch; the
acknowledgements must not wait for any of that.
${pinned ? 'The bot was pinned to one core and the fake Discord with the sandbox to the other (taskset).' : 'Cores were not pinned (no taskset).'}
"Bot ack" is measured inside the bot, from the moment discord.js hands it the interaction to
Discord's answer to the deferral; "end-to-end ack" is measured by the fake, from writing the
dispatch to its socket to receiving the callback, so it adds the WebSocket hop and the fake's own
event loop.

| | replies | bot ack p50 ms | bot ack p99 ms | end-to-end ack p50 ms | end-to-end ack p99 ms | end-to-end max ms | round s | bot RSS after, MiB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

${barChart({
  title: 'End-to-end acknowledgement p99 per round',
  unit: 'ms',
  bars: rounds.map((r, i) => ({ label: `round ${i + 1}`, value: percentile(r.fakeAck, 99) })),
})}

- Creates that reached the upstream: ${creates} of ${ROUNDS * PER_ROUND}.
- Acknowledgement p99 over all ${allFake.length} interactions: **${fmt(p99)} ms** end to end, ${fmt(percentile(allBot, 99))} ms inside the bot (limit ${ACK_LIMIT_MS} ms): ${p99 <= ACK_LIMIT_MS ? 'met' : 'NOT met'}.
- Memory: bot RSS ${fmt(baseline)} MiB when ready, ${fmt(rssAfterFirst)} MiB after round 1, ${fmt(rssLast)} MiB after round ${ROUNDS} (${rssLast <= rssAfterFirst * 1.1 ? 'flat' : 'growing'}: the median round ends at ${fmt(median(rounds.map((r) => r.rss)))} MiB).
`;
writeSection(new URL('../../../docs/benchmarks.md', import.meta.url), 'bot', markdown);
console.log(markdown);
process.exit(0);
