import type { Options } from 'tsup';

/** How every workspace package is built: ESM for Node 20, with types for the libraries. */
export function buildOptions(entry: string[], { dts = true } = {}): Options {
  return {
    entry,
    format: ['esm'],
    target: 'node20',
    dts,
    sourcemap: true,
    clean: true,
    tsconfig: 'tsconfig.build.json',
  };
}
