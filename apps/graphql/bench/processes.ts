// What both gateway benchmarks share: server processes pinned to a core, their CPU time, and
// the create each sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'undici';
import { pinToCore } from '@zapikit/bench-kit';

export const PARTNER_TOKEN = 'bench-partner-token';
export const API_KEY = 'bench-api-key-0123456789abcdef0123456789abcdef';
/** The kernel's clock ticks per second (USER_HZ), in which /proc reports CPU time. */
const CLOCK_TICKS = 100;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Starts a process pinned to `core` and waits for its "listening on <url>" line. */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  core: number,
): Promise<ServerProcess> {
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

/** The minimal upstream every server forwards its create to, on core 1. */
export function spawnUpstream(): Promise<ServerProcess> {
  return spawnServer(
    [here('../../../packages/client/bench/upstream.mjs')],
    { BENCH_PARTNER_TOKEN: PARTNER_TOKEN },
    1,
  );
}

/** A server under test (bench/servers.ts) on core 0, with NODE_ENV=production as deployed. */
export function spawnBenchServer(
  kind: string,
  upstream: ServerProcess,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  return spawnServer(
    ['--conditions=@zapikit/source', '--import', 'tsx', here('./servers.ts'), kind],
    {
      UPSTREAM_URL: upstream.url,
      BENCH_PARTNER_TOKEN: PARTNER_TOKEN,
      BENCH_API_KEY: API_KEY,
      // graphql-js skips its development-only checks in production.
      NODE_ENV: 'production',
      ...env,
    },
    0,
  );
}

/** A process's CPU time so far (user + system) in ms, from /proc; undefined off Linux. */
export function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** The full gateway's create, as a frontend sends it (with an idempotency key or null). */
export const GATEWAY_CREATE =
  'mutation ($input: CreateInstanceInput!, $key: String) { createInstance(input: $input, idempotencyKey: $key) { instance { id name } userErrors { code } } }';

/**
 * A caller that sends one create to the gateway over `pool` and checks it was answered; with
 * `withKey`, each create carries a new idempotency key, as a frontend's first attempt does.
 */
export function gatewayCaller(
  pool: Pool,
  label: string,
  { withKey = false }: { withKey?: boolean } = {},
): () => Promise<void> {
  let n = 0;
  const run = randomUUID();
  return async () => {
    n += 1;
    const res = await pool.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        query: GATEWAY_CREATE,
        variables: {
          input: { name: `Bench ${n}`, receivedCallbackUrl: 'https://hooks.example.com/in' },
          key: withKey ? `${run}-${String(n)}` : null,
        },
      }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('"id"'))
      throw new Error(`${label}: ${res.statusCode} ${text.slice(0, 200)}`);
  };
}
