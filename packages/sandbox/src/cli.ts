// `pnpm sandbox`: the simulator as a standalone server, configured from the environment.
import { z } from 'zod';
import { SANDBOX_DATE_FORMATS } from './date-format.js';
import { DEFAULT_SANDBOX_PARTNER_TOKEN, DEFAULT_SANDBOX_PORT } from './defaults.js';
import { QR_ROTATION_MS } from './qr-code.js';
import { startSandbox } from './server.js';

const Environment = z.object({
  ZAPI_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SANDBOX_PORT),
  ZAPI_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  ZAPI_SANDBOX_PARTNER_TOKEN: z.string().min(1).default(DEFAULT_SANDBOX_PARTNER_TOKEN),
  ZAPI_SANDBOX_CLIENT_TOKEN: z.string().min(1).optional(),
  ZAPI_SANDBOX_MAX_INSTANCES: z.coerce.number().int().min(1).default(10_000),
  ZAPI_SANDBOX_DATE_FORMAT: z
    .enum(SANDBOX_DATE_FORMATS, { error: `must be one of ${SANDBOX_DATE_FORMATS.join(', ')}` })
    .default('millis'),
  ZAPI_SANDBOX_QR_ROTATION_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(QR_ROTATION_MS),
});

const parsed = Environment.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) {
    console.error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(1);
}
const env = parsed.data;

const sandbox = await startSandbox({
  port: env.ZAPI_SANDBOX_PORT,
  host: env.ZAPI_SANDBOX_HOST,
  partnerToken: env.ZAPI_SANDBOX_PARTNER_TOKEN,
  maxInstances: env.ZAPI_SANDBOX_MAX_INSTANCES,
  dateFormat: env.ZAPI_SANDBOX_DATE_FORMAT,
  qrRotationMs: env.ZAPI_SANDBOX_QR_ROTATION_MS,
  ...(env.ZAPI_SANDBOX_CLIENT_TOKEN === undefined
    ? {}
    : { clientToken: env.ZAPI_SANDBOX_CLIENT_TOKEN }),
});

console.log(`Z-API sandbox (a local simulator, not Z-API) listening on ${sandbox.url}`);
console.log(`  partner token: ${sandbox.partnerToken}`);
console.log(`  dates written as: ${env.ZAPI_SANDBOX_DATE_FORMAT}`);
console.log(
  `  connect a phone: curl -X POST -H "Authorization: Bearer ${sandbox.partnerToken}" ${sandbox.url}/__sandbox/instances/<id>/connect`,
);
console.log(
  `  try: curl -H "Authorization: Bearer ${sandbox.partnerToken}" ${sandbox.url}/instances`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
