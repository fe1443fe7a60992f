import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** The gateway as its own process (`pnpm start`), on a free port, its output captured. */
export function startGatewayProcess(env: Record<string, string>) {
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
  return { child, listening, output: () => output };
}
