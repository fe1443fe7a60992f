import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZAPI_ERROR_CODES } from '@zapikit/schema';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const PACKAGES = ['schema', 'client', 'sandbox'] as const;
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// Another zod major in the same project, as a user gets it through an older library.
const ZOD_3 = '3.25.76';
let project: string;

/** The version each workspace package has now: what a release would publish. */
const versionOf = (name: (typeof PACKAGES)[number]) =>
  (
    JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/**
 * The sample a package's README shows (the ```ts block after its `<!-- sample` marker): written
 * into the npm user's project, type-checked and run against the packed packages, so it cannot rot.
 */
function readmeSample(name: (typeof PACKAGES)[number]): string {
  const readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8');
  const match = /<!-- sample[^>]*-->\s*```ts\n([\s\S]*?)```/.exec(readme);
  if (!match?.[1]) throw new Error(`packages/${name}/README.md has no sample block`);
  return match[1];
}

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
import { Legacy } from 'legacy-lib';
import { z as zod3 } from 'zod';

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
  legacy: Legacy.parse({ id: 'x' }).id + zod3.string().parse('3'),
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
  // An older library of the user's that brings zod 3, which the user's project also uses: the
  // packages' types must resolve their own zod 4, not this one.
  const legacy = join(project, 'legacy-lib');
  mkdirSync(legacy);
  writeFileSync(
    join(legacy, 'package.json'),
    JSON.stringify({
      name: 'legacy-lib',
      version: '1.0.0',
      type: 'module',
      main: 'index.js',
      types: 'index.d.ts',
      dependencies: { zod: ZOD_3 },
    }),
  );
  writeFileSync(
    join(legacy, 'index.js'),
    "import { z } from 'zod';\nexport const Legacy = z.object({ id: z.string() });\n",
  );
  writeFileSync(
    join(legacy, 'index.d.ts'),
    "import { z } from 'zod';\nexport declare const Legacy: z.ZodObject<{ id: z.ZodString }>;\n",
  );
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'npm-user',
      private: true,
      type: 'module',
      dependencies: { ...tarballs, 'legacy-lib': 'file:./legacy-lib', zod: ZOD_3 },
      devDependencies: { '@types/node': '^20.19.0' },
      overrides: tarballs,
    }),
  );
  writeFileSync(join(project, 'usage.ts'), USAGE);
  for (const name of PACKAGES)
    writeFileSync(join(project, `sample-${name}.ts`), readmeSample(name));
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
      files: ['usage.ts', ...PACKAGES.map((name) => `sample-${name}.ts`)],
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
      codes: ZAPI_ERROR_CODES.length,
      created: 1,
      due: true,
      invalid: 'ZAPI_INVALID_INPUT',
      jsonSchema: 'string',
      legacy: 'x3',
    });
  });

  it('keep zod 3 at the top of a project that has it, their own zod 4 beside it', () => {
    const top = JSON.parse(
      readFileSync(join(project, 'node_modules/zod/package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(top.version).toBe(ZOD_3);
  });

  it('depend only on versions a release would publish', () => {
    for (const name of PACKAGES) {
      const manifest = JSON.parse(
        run('tar', ['-xzOf', tarball(name), 'package/package.json'], project),
      ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
      for (const [dependency, range] of Object.entries({
        ...manifest.dependencies,
        ...manifest.peerDependencies,
      })) {
        expect(range, `${name} → ${dependency}`).toMatch(/^[\^~]?\d+\.\d+\.\d+$/);
        const own = /^@zapikit\/(.+)$/.exec(dependency)?.[1] as
          (typeof PACKAGES)[number] | undefined;
        if (own) expect(range, `${name} → ${dependency}`).toBe(`^${versionOf(own)}`);
      }
    }
  });

  it('carry a README and the LICENSE', () => {
    for (const name of PACKAGES) {
      const files = run('tar', ['-tzf', tarball(name)], project).split('\n');
      expect(files).toEqual(expect.arrayContaining(['package/README.md', 'package/LICENSE']));
    }
  });

  it("run their READMEs' samples as written", () => {
    const sample = (name: string) => run(process.execPath, [`out/sample-${name}.js`], project);
    expect(sample('client')).toMatch(
      /^created \S+, trial until \d{4}-\d\d-\d\dT.*\nconnected: false\nZAPI_INVALID_INPUT: .*name/,
    );
    expect(sample('sandbox')).toBe('ZAPI_OUTCOME_UNKNOWN 1\n');
    expect(sample('schema')).toMatch(/^receivedCallbackUrl .*https[\s\S]*\nname name true\n/);
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
