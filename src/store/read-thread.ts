import { parentPort, workerData } from 'node:worker_threads';
import type { ReadMessage, ReadReply, ReadRequest } from './read-pool.js';
import { openStore } from './store.js';

// A thread of the read pool: one read-only connection, one query at a time.

const store = openStore((workerData as { dbPath: string }).dbPath, { readonly: true });
const port = parentPort;
if (!port) throw new Error('read-thread must run as a worker thread');

function answer(req: ReadRequest): unknown {
  switch (req.op) {
    case 'events':
      return store.queryEventPage(req.query);
    case 'eventsJson': {
      const page = store.queryEventPage(req.query);
      return { json: JSON.stringify(page.events), next: page.next };
    }
    case 'article':
      return store.getArticle(req.id);
    case 'articleWithEvents':
      return store.getArticleWithEvents(req.id);
    case 'event':
      return store.getEvent(req.id);
    case 'feeds':
      return store.listFeeds();
    case 'dayCounts':
      return store.countEventsByDay(req.query);
    case 'sql':
      return store.readOnlyQuery(req.sql, req.params);
  }
}

port.on('message', ({ id, req }: ReadMessage) => {
  let reply: ReadReply;
  try {
    reply = { id, ok: true, value: answer(req) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as { code?: unknown }).code;
    reply = { id, ok: false, error: e.message, name: e.name, ...(typeof code === 'string' ? { code } : {}) };
  }
  port.postMessage(reply);
});
