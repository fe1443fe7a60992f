import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** A gateway process (`src/main.ts`, as `pnpm dev` runs it), its output captured. */
export interface GatewayProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The base URL once it listens; rejects with its output if it exits first. */
  listening: Promise<string>;
  output(): string;
}

/** Starts `src/main.ts` on a free port with `env` over the test's own environment. */
export function startGatewayProcess(env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, ['--conditions=@zapikit/source', '--import', 'tsx', main], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/\S+?)\/graphql/.exec(output)?.[1];
      if (url) {
        clearInterval(timer);
        resolve(url);
      }
    }, 25);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${String(code)}: ${output}`));
    });
  });
  // A process that exits after listening must not fail the test through this promise.
  listening.catch(() => undefined);
  return { child, listening, output: () => output };
}
