import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService, type Service } from '../../src/service/service.js';
import { openStore } from '../../src/store/store.js';
import { readMime, startSmtpSink, type SmtpSink } from '../digest/smtp-sink.js';
import { article } from '../store/make-article.js';
import { cleanPrefix, freshPrefix, makeConfig, REDIS_URL, waitFor } from './harness.js';

// The digest the service mails uses the configured watch-list (config/entities.yaml):
// a company added there shows up under its configured name and in the list's order,
// as it does in `newsmon digest`.

const ADDED = `
acme-ai:
  name: ACME Intelligence Co.
  aliases: [ACME Intelligence]
`;

describe('the scheduled digest', () => {
  let sink: SmtpSink;
  let service: Service;
  const prefix = freshPrefix();

  beforeAll(async () => {
    sink = await startSmtpSink();
    const cfg = makeConfig([], { digest: { to: 'analyst@example.com', timezone: 'UTC' } });
    appendFileSync(join(cfg.configDir, 'entities.yaml'), ADDED);
    const store = openStore(cfg.dbPath);
    const a = article(1, { published: '2025-03-01T08:00:00Z' });
    a.events.push({ sentence: 3, text: 'ACME Intelligence unveiled a 700 W accelerator.', entities: ['acme-ai'], tags: ['product'], powerFigures: [] });
    store.saveArticles([a]);
    store.close();
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, { SMTP_URL: sink.url });
    service = await startService({ settings, roles: ['digest'], prefix, log: silentLogger(), watchConfig: false });
  });
  afterAll(async () => {
    await service?.close();
    await sink?.close();
    await cleanPrefix(prefix);
  });

  it('names a company added to entities.yaml as configured', async () => {
    await service.queues.digest.add('daily', { date: '2025-03-01' });
    const mail = await waitFor('the digest mail', () => sink.mails[0], 20_000);
    const text = readMime(mail.raw).parts.map((p) => p.body).join('\n');
    expect(text).toContain('ACME Intelligence Co.');
    expect(text).not.toContain('Acme Ai');
  });
});
