import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import { filledDb, type FilledDb } from '../api/store-fixture.js';

// `newsmon serve` in-process: a real socket on loopback, a real database file, and the
// signals from a test's emitter instead of the process.

let db: FilledDb;
beforeAll(() => {
  db = filledDb();
});
afterAll(() => db.cleanup());

describe('serve() over a real socket', () => {
  it('serve() listens, answers, and stops on SIGTERM', async () => {
    const signals = new EventEmitter();
    let url = '';
    let exited: Promise<number> = Promise.resolve(-1);
    const listening = new Promise<void>((resolve) => {
      const done = serve({
        settings: { dbPath: db.dbPath, api: { host: '127.0.0.1', port: 0 } },
        signals,
        onListening: (u) => {
          url = u;
          resolve();
        },
      });
      exited = done;
    });
    await listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const res = await fetch(`${url}/events?entity=cambricon`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Array<{ text: string }>;
    expect(body.map((e) => e.text)).toEqual(['寒武纪发布了新一代思元芯片，功耗为350瓦。']);

    signals.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('serve() says so when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(serve({ settings: { dbPath: db.dbPath, api: { host: '127.0.0.1', port } } })).rejects.toThrow(
        new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
      );
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('serve() refuses a missing database with a clear message', async () => {
    await expect(serve({ settings: { dbPath: `${db.dir}/nope.db`, api: { host: '127.0.0.1', port: 0 } } })).rejects.toThrow(/no database at .*nope\.db/);
  });
});
