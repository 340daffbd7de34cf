import { afterAll, beforeAll } from 'vitest';
import { createMailTransport } from '../../src/digest/mail-transport.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startSmtpSink, type SmtpSink } from '../digest/smtp-sink.js';
import { sampleDayDb } from '../digest/store-day.js';

// What the digest processor's tests run against, for one describe block: a real SMTP server,
// a copy of the sample day's SQLite file (its ledger too) and a mail transport to the server.

export interface DigestWorkerEnv {
  sink: SmtpSink;
  store: Store;
  transport: ReturnType<typeof createMailTransport>;
}

/** Registers the block's set-up and tear-down; call it inside `describe`. The fields are set before any test runs. */
export function digestWorkerEnv(): DigestWorkerEnv {
  // Filled in beforeAll, before any test reads it.
  const env = {} as DigestWorkerEnv;
  beforeAll(async () => {
    env.sink = await startSmtpSink();
    env.store = openStore(sampleDayDb());
    env.transport = createMailTransport(env.sink.url);
  });
  afterAll(async () => {
    env.transport?.close();
    env.store?.close();
    await env.sink?.close();
  });
  return env;
}
