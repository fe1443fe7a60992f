// Builds and runs the gateway's container image without a container engine (none runs on these
// machines): follows apps/graphql/Dockerfile step by step on the host. The build stage's COPY and
// RUN steps run in a fresh copy of the repository (the build context, minus .dockerignore), the
// runtime stage's COPY --from=build takes the folder the build stage deployed, and its CMD runs
// there with the image's ENV. Then the image's HEALTHCHECK runs, and a create goes through the
// gateway on its embedded sandbox, then SIGTERM. What this cannot check: the base image, USER
// and the container's network; those need `docker build` on a machine with an engine.
//
// Usage: node apps/graphql/scripts/container-dry-run.mjs
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dockerfile = readFileSync(join(repo, 'apps/graphql/Dockerfile'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'zapi-container-'));
const fail = (message) => {
  console.error(`container dry run: ${message}`);
  process.exitCode = 1;
};

/** The Dockerfile's instructions, continuation lines joined, comments dropped, per stage. */
function stages(text) {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const result = [];
  for (const line of lines) {
    const match = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [, op, args] = match;
    if (op === 'FROM') result.push({ from: args, steps: [] });
    else result.at(-1)?.steps.push({ op, args: args.trim() });
  }
  return result;
}

const [build, runtime] = stages(dockerfile);
if (!build || !runtime) throw new Error('expected a build stage and a runtime stage');

/** Each stage's container paths map to folders under its own root in the work directory. */
const hostPath = (stage, path) => join(work, stage, path);
const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? work, CI: 'true' };

// The build context: what git knows of (tracked or not ignored), minus .dockerignore.
const ignored = readFileSync(join(repo, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((pattern) => pattern.replace(/^\*\*\//, ''));
const contextFiles = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
  cwd: repo,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean)
  .filter((file) => !ignored.some((pattern) => file.split('/').includes(pattern)))
  .filter((file) => existsSync(join(repo, file)));

// pnpm: the Dockerfile installs it globally; here a shim runs that same version through npx.
const shims = join(work, 'bin');
mkdirSync(shims, { recursive: true });
env.PATH = `${shims}:${env.PATH}`;

function run(stage, label) {
  let cwd = hostPath(label, '/');
  for (const { op, args } of stage.steps) {
    if (op === 'WORKDIR') {
      cwd = hostPath(label, args);
      mkdirSync(cwd, { recursive: true });
    } else if (op === 'ENV') {
      for (const [, name, value] of args.matchAll(/(\w+)=(\S+)/g)) env[name] = value;
    } else if (op === 'COPY' && args === '. .') {
      for (const file of contextFiles) {
        mkdirSync(dirname(join(cwd, file)), { recursive: true });
        cpSync(join(repo, file), join(cwd, file));
      }
    } else if (op === 'COPY' && args.startsWith('--from=build ')) {
      const [from, to] = args.slice('--from=build '.length).split(/\s+/);
      cpSync(hostPath('build', from), to === '.' ? cwd : hostPath(label, to), {
        recursive: true,
        verbatimSymlinks: true,
      });
    } else if (op === 'RUN') {
      const pnpm = /^npm install -g pnpm@(\S+)$/.exec(args);
      if (pnpm) {
        writeFileSync(join(shims, 'pnpm'), `#!/bin/sh\nexec npx --yes pnpm@${pnpm[1]} "$@"\n`, {
          mode: 0o755,
        });
        continue;
      }
      // Absolute container paths in the command (the deploy target) map to host folders.
      const command = args.replace(
        /(\s)\/(app|repo)\b/g,
        (_, space, dir) => space + hostPath(label, `/${dir}`),
      );
      console.log(`[${label}] RUN ${args}`);
      execFileSync('sh', ['-c', command], { cwd, env, stdio: 'inherit' });
    }
  }
  return cwd;
}

/** A free loopback port, for the image's PORT (4000 may be taken on this host). */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

try {
  run(build, 'build');
  const appDir = run(runtime, 'runtime');
  const cmd = JSON.parse(runtime.steps.find((step) => step.op === 'CMD').args);
  const healthcheck = runtime.steps.find((step) => step.op === 'HEALTHCHECK')?.args;
  const port = String(await freePort());
  // The image sets NODE_ENV=production, where the sandbox must be asked for by name, as
  // `docker run -e ZAPI_SANDBOX=true` would; without it the image must refuse to start.
  const runEnv = { ...env, HOST: '127.0.0.1', PORT: port, ZAPI_SANDBOX: 'true' };
  const { ZAPI_SANDBOX: _asked, ...unasked } = runEnv;
  try {
    execFileSync(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), {
      cwd: appDir,
      env: unasked,
      stdio: 'pipe',
      timeout: 20_000,
    });
    fail('the image started in production with neither ZAPI_PARTNER_TOKEN nor ZAPI_SANDBOX');
  } catch (error) {
    const said = String(error.stderr ?? '');
    if (
      error.status !== 1 ||
      !said.includes('ZAPI_PARTNER_TOKEN: required when NODE_ENV=production')
    )
      fail(`without ZAPI_SANDBOX the image did not refuse as expected:\n${said}`);
    else console.log('[runtime] refuses production without ZAPI_PARTNER_TOKEN or ZAPI_SANDBOX: ok');
  }

  // Only production dependencies may be in the image.
  for (const dev of ['vitest', 'tsx', 'typescript', 'tsup'])
    if (existsSync(join(appDir, 'node_modules', dev)))
      fail(`the image holds ${dev}, a dev dependency`);

  console.log(`[runtime] CMD ${cmd.join(' ')} (PORT=${port})`);
  const child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), {
    cwd: appDir,
    env: runEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  while (!/listening on http/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 20_000)
      throw new Error(`the gateway did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!output.includes('SANDBOX MODE')) fail('no SANDBOX MODE line at start');

  if (healthcheck) {
    const probe = healthcheck.replace(/^.*?CMD\s+/, '').replaceAll(':4000', `:${port}`);
    try {
      execFileSync('sh', ['-c', probe], { cwd: appDir, env: runEnv, stdio: 'inherit' });
      console.log('[runtime] HEALTHCHECK passed');
    } catch {
      fail('the HEALTHCHECK command failed');
    }
  }

  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation { createInstance(input: {name: "from the image"}) { instance { name sandbox } } }',
    }),
  });
  const body = await res.json();
  if (body?.data?.createInstance?.instance?.sandbox !== true)
    fail(`a create did not work: ${JSON.stringify(body)}`);
  else console.log('[runtime] createInstance on the sandbox: ok');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  if (code !== 0) fail(`exited with ${code} on SIGTERM:\n${output}`);
  else console.log('[runtime] drained and stopped on SIGTERM');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (!process.exitCode) console.log('container dry run: ok');
