// What a call's deadline costs, apart from the network: `AbortSignal.timeout()` (what the client
// used) against the client's `Deadline` (a plain timer), each alone and through a lane. Prints
// CPU µs per call; run with `pnpm bench:deadline`. Not part of `pnpm bench`: it backs a design
// choice in src/deadline.ts rather than a figure users compare.
import { Deadline } from '../src/deadline.js';
import { Lane } from '../src/lane.js';

const CALLS = 100_000;
const IN_FLIGHT = 16;
const lane = new Lane<number>({
  concurrency: 32,
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
  failedAnswer: () => false,
});
const send = () => Promise.resolve(1);

async function measure(name: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 20_000; i++) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i += IN_FLIGHT)
    await Promise.all(Array.from({ length: IN_FLIGHT }, call));
  const cpu = process.cpuUsage(before);
  console.log(`${name.padEnd(46)} ${((cpu.user + cpu.system) / CALLS).toFixed(2)} µs CPU/call`);
}

const cases: [string, () => Promise<unknown>][] = [
  ['nothing', send],
  [
    'AbortSignal.timeout() and one listener',
    () => {
      const signal = AbortSignal.timeout(30_000);
      const onAbort = () => undefined;
      signal.addEventListener('abort', onAbort, { once: true });
      return send().finally(() => {
        signal.removeEventListener('abort', onAbort);
      });
    },
  ],
  [
    'Deadline and one listener',
    () => {
      // undici adds one listener to the signal it is given, and removes it after.
      const deadline = new Deadline(30_000);
      const onAbort = () => undefined;
      deadline.once('abort', onAbort);
      return send().finally(() => {
        deadline.removeListener('abort', onAbort);
        deadline.clear();
      });
    },
  ],
  [
    'Deadline through a lane with a breaker',
    () => {
      const deadline = new Deadline(30_000);
      return lane.run(deadline, send).finally(() => {
        deadline.clear();
      });
    },
  ],
];
for (let round = 0; round < 2; round++) {
  for (const [name, call] of cases) await measure(name, call);
}
