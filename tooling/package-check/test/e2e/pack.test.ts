import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const PACKAGES = ['schema', 'client', 'sandbox'] as const;
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let project: string;

/** Runs a command, failing with everything it printed. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: 'pipe',
      timeout: 120_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

// Runs the pnpm that runs this test (npx, a global install or corepack alike).
function pnpm(...args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : ['pnpm', args];
}

const tarball = (name: string) => {
  const file = readdirSync(project).find(
    (f) => f.startsWith(`zapikit-${name}-`) && f.endsWith('.tgz'),
  );
  if (!file) throw new Error(`pnpm pack made no tarball for ${name}`);
  return file;
};

// What an npm user writes: imports of the published names, run by plain Node, typed by tsc.
const USAGE = `
import { createZapiClient, isZapiError, type ZapiClient } from '@zapikit/client';
import { startSandbox } from '@zapikit/sandbox';
import { CreateInstanceInput, createInstanceFields, ZAPI_ERROR_CODES } from '@zapikit/schema';
import createSchema from '@zapikit/schema/json-schema/create-instance-input.json' with { type: 'json' };

const sandbox = await startSandbox();
const client: ZapiClient = createZapiClient({ partnerToken: sandbox.partnerToken, baseUrl: sandbox.url });
const created = await client.createInstance(CreateInstanceInput.parse({ name: 'from the tarballs' }));
let invalid = '';
try {
  await client.createInstance({ name: '', receivedCallbackUrl: 'http://x' });
} catch (error) {
  if (isZapiError(error)) invalid = error.code;
}
const due: Date | null = created.due;
console.log(JSON.stringify({
  fields: createInstanceFields.length,
  codes: ZAPI_ERROR_CODES.length,
  created: sandbox.count('create'),
  due: due instanceof Date,
  invalid,
  jsonSchema: typeof createSchema.$ref,
}));
await client.close();
await sandbox.close();
`;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'zapikit-pack-'));
  const tarballs: Record<string, string> = {};
  for (const name of PACKAGES) {
    run(...pnpm('pack', '--pack-destination', project), join(root, 'packages', name));
    tarballs[`@zapikit/${name}`] = `file:./${tarball(name)}`;
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'npm-user',
      private: true,
      type: 'module',
      dependencies: tarballs,
      devDependencies: { '@types/node': '^20.19.0' },
      overrides: tarballs,
    }),
  );
  writeFileSync(join(project, 'usage.ts'), USAGE);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        resolveJsonModule: true,
        outDir: 'out',
        types: ['node'],
      },
      files: ['usage.ts'],
    }),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    project,
  );
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('the packed packages, installed by npm', () => {
  it('hold only what they should: dist, sources, no tests', () => {
    for (const name of PACKAGES) {
      const files = run('tar', ['-tzf', tarball(name)], project).split('\n');
      expect(files).toContain('package/dist/index.js');
      expect(files).toContain('package/dist/index.d.ts');
      expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    }
  });

  it('type-check against their published .d.ts files, and work under plain Node', () => {
    run(process.execPath, [TSC, '-p', project], project);
    const output = run(process.execPath, ['out/usage.js'], project);
    expect(JSON.parse(output)).toEqual({
      fields: 16,
      codes: 13,
      created: 1,
      due: true,
      invalid: 'ZAPI_INVALID_INPUT',
      jsonSchema: 'string',
    });
  });

  it('start the sandbox from its bin', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(join(project, 'node_modules', '.bin', 'zapi-sandbox'), [], {
      env: { ...process.env, ZAPI_SANDBOX_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => {
        resolve(chunk.toString());
      });
      child.once('error', reject);
      child.once('exit', (code) => {
        reject(new Error(`zapi-sandbox exited with ${String(code)}`));
      });
    });
    child.kill();
    expect(firstLine).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
  });
});
