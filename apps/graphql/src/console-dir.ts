import { fileURLToPath } from 'node:url';

/**
 * Where the console's build lives: apps/console/dist, from src/ (tests, `pnpm dev`) and from
 * dist/ (`pnpm start`) alike, both one level under apps/graphql.
 */
export const CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));
