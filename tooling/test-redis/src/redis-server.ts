import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** The redis-server binary: REDIS_SERVER_PATH, or Debian's (`apt-get install redis-server`). */
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

function binaryWorks(): boolean {
  if (!existsSync(REDIS_SERVER)) return false;
  return spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * True when a redis-server can be started here. With REQUIRE_REDIS set (CI sets it), a missing
 * binary throws instead, so the tests that need Redis fail rather than skip.
 */
export const redisAvailable: boolean = (() => {
  const works = binaryWorks();
  if (!works && process.env.REQUIRE_REDIS) {
    throw new Error(
      `REQUIRE_REDIS is set but ${REDIS_SERVER} cannot run: install the Debian package redis-server (.ci/install-system-deps does)`,
    );
  }
  return works;
})();

/** Why Redis tests are skipped here, for `describe.skipIf(!redisAvailable)` titles and logs. */
export const redisSkipReason = `${REDIS_SERVER} is missing: install redis-server to run the shared-state tests`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A redis-server of the test's own, on loopback, without persistence. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>` (with `/db` when asked). */
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL) without removing it: `restart` brings it back on the same port. */
  kill(): Promise<void>;
  /** Starts the server again on the same port, empty, after `kill`. */
  restart(): Promise<void>;
  /** Empties every database. */
  flush(): Promise<void>;
  /** Stops the server for good. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** `requirepass`: the URL then carries it as `redis://:<password>@…`. */
  password?: string;
}

/**
 * Starts redis-server on a free loopback port with `--save '' --appendonly no` and waits until it
 * answers PING. Call `stop()` in `afterAll`.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  const url = `redis://${auth}127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const launch = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    if (options.password) args.push('--requirepass', options.password);
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    const started = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (started.exitCode !== null)
        throw new Error(`redis-server exited with ${started.exitCode}`);
      const probe = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        // not up yet
      } finally {
        probe.disconnect();
      }
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
      await sleep(50);
    }
  };

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await launch();
  return {
    url,
    port,
    kill,
    restart: launch,
    async flush() {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    stop: kill,
  };
}
