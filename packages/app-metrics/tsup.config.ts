import { defineConfig } from 'tsup';
import { buildOptions } from '../../tsup.shared.js';

export default defineConfig(buildOptions(['src/index.ts']));
