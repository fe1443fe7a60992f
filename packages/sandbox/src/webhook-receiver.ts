import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A callback as a loopback webhook received it. */
export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A plain-http webhook on loopback that keeps every JSON body POSTed to it. */
export interface WebhookReceiver {
  /** Base URL, e.g. `http://127.0.0.1:40123`; any path under it is accepted. */
  url: string;
  received: ReceivedCallback[];
  close(): Promise<void>;
}

/** Starts a webhook receiver on loopback that answers 200 to every POST. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '/',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
