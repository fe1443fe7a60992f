import { defineConfig } from 'tsup';
import { buildOptions } from '../../tsup.shared.js';

export default defineConfig(buildOptions(['src/main.ts'], { dts: false }));
