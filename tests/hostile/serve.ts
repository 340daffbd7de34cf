import { createServer, type Server } from 'node:http';

export interface Site {
  server: Server;
  base: string;
  close(): Promise<void>;
}

/**
 * A loopback site for hostile documents: path → body (built on first request, then kept).
 * A route may return a promise, to hold its answer until a test is ready.
 */
export function serve(routes: Record<string, () => string | Promise<string>>): Promise<Site> {
  const cache = new Map<string, Promise<Buffer>>();
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    let body = cache.get(path);
    if (!body) cache.set(path, (body = Promise.resolve(route()).then((s) => Buffer.from(s))));
    void body.then((b) => res.writeHead(200, { 'content-type': path.endsWith('.xml') ? 'application/rss+xml' : 'text/html; charset=utf-8' }).end(b));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}
