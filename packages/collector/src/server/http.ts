import type { IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import * as zlib from 'node:zlib'

/** An answer other than success, with the status and the message the client gets. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The connection cannot be reused (the rest of the body was not read). */
    readonly closeConnection = false,
  ) {
    super(message)
  }
}

/** `1048576` → `1 MiB`, for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}

/**
 * Reads a request body of at most `maxBytes`. A larger body is answered with 413 after the rest
 * was read and thrown away (so the client can read the answer instead of seeing its upload cut),
 * up to `8 × maxBytes`; past that the connection is closed.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = (close: boolean) =>
    new HttpError(
      413,
      `request body is larger than the limit of ${formatBytes(maxBytes)}; send smaller batches`,
      {},
      close,
    )
  const hardLimit = Math.max(maxBytes * 8, 8 * 1024 * 1024)
  const declared = Number(request.headers['content-length'])
  if (declared > hardLimit) throw tooLarge(true)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > hardLimit) throw tooLarge(true)
    if (size <= maxBytes) chunks.push(chunk)
  }
  if (size > maxBytes) throw tooLarge(false)
  return Buffer.concat(chunks, size)
}

const gunzip = promisify(zlib.gunzip)
const inflate = promisify(zlib.inflate)
const brotli = promisify(zlib.brotliDecompress)

/**
 * Undoes `Content-Encoding` (gzip, deflate, br), never producing more than `maxBytes`. Without
 * the header, a body that starts with the gzip magic bytes is gunzipped: the SDK compresses its
 * `text/plain` batches without saying so, because the header would cost a CORS preflight and
 * cannot go on a beacon.
 */
export async function decodeBody(
  body: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const declared = (encoding ?? '').trim().toLowerCase()
  // Every gzip stream starts with 1f 8b; JSON text never does.
  const sniffed = declared === '' && body[0] === 0x1f && body[1] === 0x8b
  const name = sniffed ? 'gzip' : declared
  if (name === '' || name === 'identity') return body
  const decoders: Record<string, (input: Buffer) => Promise<Buffer>> = {
    gzip: (input) => gunzip(input, { maxOutputLength: maxBytes }),
    'x-gzip': (input) => gunzip(input, { maxOutputLength: maxBytes }),
    deflate: (input) => inflate(input, { maxOutputLength: maxBytes }),
    br: (input) => brotli(input, { maxOutputLength: maxBytes }),
  }
  const decode = decoders[name]
  if (!decode)
    throw new HttpError(
      415,
      `Content-Encoding "${name}" is not supported; use gzip, deflate, br or none`,
    )
  try {
    return await decode(body)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new HttpError(
        413,
        `decompressed body is larger than the limit of ${formatBytes(maxBytes)}; send smaller batches`,
      )
    const what = sniffed
      ? 'body starts with the gzip magic bytes (1f 8b) but is not valid gzip data'
      : `body is not valid ${name} data`
    throw new HttpError(400, `${what}: ${(error as Error).message}`)
  }
}

/** Parses a JSON body; 400 naming the parser's complaint when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  let text = body.toString('utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') throw new HttpError(400, 'malformed JSON: the body is empty')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`)
  }
}

/** The media type of a request, lower case, without parameters; '' when there is none. */
export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.end()
    return
  }
  const text = JSON.stringify(body)
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  response.end(text)
}
