import { defineConfig } from 'tsup';
import { buildOptions } from '../../tsup.shared.js';

export default defineConfig(
  buildOptions(['src/main.ts', 'src/sharded.ts', 'src/cli/commands.ts', 'src/cli/deploy.ts'], {
    dts: false,
  }),
);
