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

/** Build the decoder chain on the first chunk (raw and wrapped deflate differ there). */
function decoderChain(
  decodings: string[],
  first: Buffer,
  url: string,
  sink: { data: (chunk: Buffer) => void; end: () => void; fail: (err: FetchError) => void },
): Transform[] {
  const decoders = decodings.map((token) => decoderFor(token, first));
  for (let i = 0; i < decoders.length; i++) {
    const d = decoders[i] as Transform;
    d.on('error', (e: Error) =>
      sink.fail(new FetchError('bad-encoding', `cannot decode the ${decodings[i] ?? ''} body of ${url}: ${e.message}`, { url, cause: e })),
    );
    const next = decoders[i + 1];
    if (next) d.pipe(next);
  }
  const last = decoders[decoders.length - 1] as Transform;
  last.on('data', sink.data);
  last.on('end', sink.end);
  return decoders;
}

function truncatedBody(url: string): FetchError {
  return new FetchError('connection', `connection to ${new URL(url).host} closed before the body of ${url} was complete`, { url });
}

/**
 * Read a response body, undoing its Content-Encoding, and stop at `maxBytes` of either
 * the transferred or the decoded size: the response (and so its socket) is destroyed
 * at once rather than read to the end, which is what defuses a 50 MB body or a zip
 * bomb. Rejects with FetchError 'too-large', 'bad-encoding' or 'connection'.
 */
export function readBody(res: IncomingMessage, opts: ReadBodyOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => new BodyRead(res, opts, resolve, reject).start());
}

/** One body being read: the byte counts on both sides of the decoders, and how it ends. */
class BodyRead {
  private readonly chunks: Buffer[] = [];
  private wireBytes = 0;
  private decodedBytes = 0;
  private settled = false;
  private decoders: Transform[] = [];

  constructor(
    private readonly res: IncomingMessage,
    private readonly opts: ReadBodyOptions,
    private readonly resolve: (body: Buffer) => void,
    private readonly reject: (err: FetchError) => void,
  ) {}

  start(): void {
    const { res, opts } = this;
    const { url } = opts;
    res.on('data', (chunk: Buffer) => this.onWire(chunk));
    res.on('end', () => {
      if (this.settled) return;
      if (!res.complete) this.finish(truncatedBody(url));
      // identity, or an empty encoded body (a 204 or 0-length gzip reply)
      else if (opts.decodings.length === 0 || this.decoders.length === 0) this.finish(null);
      else (this.decoders[0] as Transform).end();
    });
    res.on('error', (e: Error) => this.finish(new FetchError('connection', `connection lost while reading ${url}: ${e.message}`, { url, cause: e })));
    res.on('close', () => {
      if (!this.settled && !res.complete) this.finish(truncatedBody(url));
    });
  }

  private onWire(chunk: Buffer): void {
    if (this.settled) return;
    const { res, opts } = this;
    this.wireBytes += chunk.length;
    if (this.wireBytes > opts.maxBytes) {
      this.finish(this.tooLarge('received', this.wireBytes));
      return;
    }
    if (opts.decodings.length === 0) {
      this.collect(chunk);
      return;
    }
    if (this.decoders.length === 0) {
      this.decoders = decoderChain(opts.decodings, chunk, opts.url, {
        data: (c) => this.collect(c),
        end: () => this.finish(null),
        fail: (err) => this.finish(err),
      });
    }
    const head = this.decoders[0] as Transform;
    // Backpressure: a decoder that cannot keep up pauses the socket.
    if (!head.write(chunk)) {
      res.pause();
      head.once('drain', () => res.resume());
    }
  }

  private collect(chunk: Buffer): void {
    if (this.settled) return;
    this.decodedBytes += chunk.length;
    if (this.decodedBytes > this.opts.maxBytes) {
      this.finish(this.tooLarge(this.opts.decodings.length ? 'decoded' : 'read', this.decodedBytes));
      return;
    }
    this.chunks.push(chunk);
  }

  private tooLarge(what: string, n: number): FetchError {
    const { url, maxBytes } = this.opts;
    return new FetchError('too-large', `body of ${url} exceeds the ${formatBytes(maxBytes)} cap (${what} ${formatBytes(n)} so far; transfer stopped)`, { url });
  }

  private finish(err: FetchError | null): void {
    if (this.settled) return;
    this.settled = true;
    if (err) {
      for (const d of this.decoders) d.destroy();
      this.res.destroy();
      this.reject(err);
    } else {
      const { chunks } = this;
      this.resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.decodedBytes));
    }
  }
}
