import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.js';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${n} bytes`;
}

// Lenient flushing: many servers cut gzip streams short without the trailer, and browsers
// show such pages anyway; a truncated stream yields what it had instead of an error.
const GZIP_OPTS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTS: zlib.BrotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/** Content-Encoding tokens in the order they must be undone, or an error for one we cannot. */
export function decodingsFor(contentEncoding: string | undefined, url: string): string[] {
  const tokens = (contentEncoding ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '' && t !== 'identity');
  for (const t of tokens) {
    if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(t)) {
      throw new FetchError('bad-encoding', `unsupported Content-Encoding "${t}" from ${url}`, { url });
    }
  }
  return tokens.reverse();
}

// "deflate" is meant to be zlib-wrapped (RFC 9110 §8.4.1.2) but some servers send raw
// deflate; the zlib header's checksum tells them apart on the first two bytes.
function deflateDecoder(first: Buffer): Transform {
  const b0 = first[0] ?? 0;
  const b1 = first[1] ?? 0;
  const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
  return zlibWrapped ? zlib.createInflate(GZIP_OPTS) : zlib.createInflateRaw(GZIP_OPTS);
}

function decoderFor(token: string, first: Buffer): Transform {
  if (token === 'br') return zlib.createBrotliDecompress(BROTLI_OPTS);
  if (token === 'deflate') return deflateDecoder(first);
  return zlib.createGunzip(GZIP_OPTS);
}

export interface ReadBodyOptions {
  url: string;
  /** Cap on both the bytes on the wire and the decoded bytes. */
  maxBytes: number;
  /** Content-Encoding tokens from decodingsFor. */
  decodings: string[];
}

/**
 * Read a response body, undoing its Content-Encoding, and stop at `maxBytes` of either
 * the transferred or the decoded size: the response (and so its socket) is destroyed
 * at once rather than read to the end, which is what defuses a 50 MB body or a zip
 * bomb. Rejects with FetchError 'too-large', 'bad-encoding' or 'connection'.
 */
export function readBody(res: IncomingMessage, opts: ReadBodyOptions): Promise<Buffer> {
  const { url, maxBytes, decodings } = opts;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let decodedBytes = 0;
    let settled = false;
    const decoders: Transform[] = [];

    const finish = (err: FetchError | null): void => {
      if (settled) return;
      settled = true;
      if (err) {
        for (const d of decoders) d.destroy();
        res.destroy();
        reject(err);
      } else {
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, decodedBytes));
      }
    };
    const tooLarge = (what: string, n: number): FetchError =>
      new FetchError('too-large', `body of ${url} exceeds the ${formatBytes(maxBytes)} cap (${what} ${formatBytes(n)} so far; transfer stopped)`, { url });

    const collect = (chunk: Buffer): void => {
      if (settled) return;
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) {
        finish(tooLarge(decodings.length ? 'decoded' : 'read', decodedBytes));
        return;
      }
      chunks.push(chunk);
    };

    // Decoders are built on the first chunk, since raw and wrapped deflate differ there.
    let head: Transform | null = null;
    const startDecoding = (first: Buffer): Transform => {
      for (const token of decodings) decoders.push(decoderFor(token, first));
      for (let i = 0; i < decoders.length; i++) {
        const d = decoders[i] as Transform;
        d.on('error', (e: Error) =>
          finish(new FetchError('bad-encoding', `cannot decode the ${decodings[i] ?? ''} body of ${url}: ${e.message}`, { url, cause: e })),
        );
        const next = decoders[i + 1];
        if (next) d.pipe(next);
      }
      const last = decoders[decoders.length - 1] as Transform;
      last.on('data', collect);
      last.on('end', () => finish(null));
      return decoders[0] as Transform;
    };

    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) {
        finish(tooLarge('received', wireBytes));
        return;
      }
      if (decodings.length === 0) {
        collect(chunk);
        return;
      }
      head ??= startDecoding(chunk);
      // Backpressure: a decoder that cannot keep up pauses the socket.
      if (!head.write(chunk)) {
        res.pause();
        head.once('drain', () => res.resume());
      }
    });
    res.on('end', () => {
      if (settled) return;
      if (!res.complete) {
        finish(new FetchError('connection', `connection to ${new URL(url).host} closed before the body of ${url} was complete`, { url }));
      } else if (decodings.length === 0 || head === null) {
        finish(null); // identity, or an empty encoded body (a 204 or 0-length gzip reply)
      } else {
        head.end();
      }
    });
    res.on('error', (e: Error) => finish(new FetchError('connection', `connection lost while reading ${url}: ${e.message}`, { url, cause: e })));
    res.on('close', () => {
      if (!settled && !res.complete) {
        finish(new FetchError('connection', `connection to ${new URL(url).host} closed before the body of ${url} was complete`, { url }));
      }
    });
  });
}
