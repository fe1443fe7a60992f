// The benchmark's upstream: answers Z-API's create as cheaply as node:http can, so the process
// under test, not the upstream, is what runs out of CPU. Plain JS, so it starts without tsx.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const token = process.env.BENCH_PARTNER_TOKEN;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const ok = req.headers.authorization === `Bearer ${token}` && Buffer.concat(chunks).length > 0;
    const id = randomUUID().replaceAll('-', '').toUpperCase();
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      ok
        ? JSON.stringify({ id, token: id.slice(0, 24), due: String(Date.now() + 172_800_000) })
        : '{"error":"Unauthorized"}',
    );
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
