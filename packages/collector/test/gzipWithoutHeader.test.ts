import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actionEvent, type Harness, request, startCollector } from './helpers'

/**
 * The SDK gzips its batches but sends them as `text/plain` without `Content-Encoding` (the
 * header would cost a CORS preflight and cannot go on a beacon): the collector recognises gzip
 * by its first two bytes. Over real HTTP into the real SQLite store.
 */
describe('gzip bodies without Content-Encoding', () => {
  let h: Harness
  let small: Harness
  beforeAll(async () => {
    h = await startCollector()
    small = await startCollector({ limits: { maxBodyBytes: 4096, maxEventsPerBatch: 50 } })
  })
  afterAll(async () => {
    await h.stop()
    await small.stop()
  })

  /** POSTs raw bytes as the SDK does: text/plain, token in the query, no Content-Encoding. */
  const post = (base: string, body: Buffer, headers: Record<string, string> = {}) =>
    request(`${base}/v1/events?token=pub-test`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
      body,
    })

  it('stores a gzipped batch as it would the same JSON, and its resend as duplicates', async () => {
    const session = `s-gzip-${Date.now()}`
    const events = [
      actionEvent({ session: { id: session } }),
      actionEvent({ session: { id: session }, action: { name: 'Checkout', type: 'navigation' } }),
    ]
    const body = gzipSync(JSON.stringify(events))
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b])

    const reply = await post(h.url, body)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] })
    const rows = await h.rows(session)
    expect(rows.map((r) => [r.id, r.action_name])).toEqual(events.map((e) => [e.id, e.action.name]))

    const again = await post(h.url, body)
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2, rejected: [] })
  })

  it('still takes plain JSON, leading whitespace included', async () => {
    const session = `s-plain-${Date.now()}`
    const reply = await post(
      h.url,
      Buffer.from(`\n [${JSON.stringify(actionEvent({ session: { id: session } }))}]`),
    )
    expect(reply.status).toBe(200)
    expect(reply.json.accepted).toBe(1)
  })

  it('answers a body that starts like gzip but is not with 400 saying so', async () => {
    const fake = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('[]')])
    const reply = await post(h.url, fake)
    expect(reply.status).toBe(400)
    expect(reply.json.error).toMatch(
      /^body starts with the gzip magic bytes \(1f 8b\) but is not valid gzip data: ./,
    )

    const cut = gzipSync(JSON.stringify([actionEvent()])).subarray(0, 20)
    const truncated = await post(h.url, cut)
    expect(truncated.status).toBe(400)
    expect(truncated.json.error).toMatch(/^body starts with the gzip magic bytes/)
  })

  it('answers a gzip body that inflates past the limit with 413, so the SDK splits it', async () => {
    const events = Array.from({ length: 20 }, () =>
      actionEvent({ context: { padding: 'p'.repeat(500) } }),
    )
    const body = gzipSync(JSON.stringify(events))
    expect(body.length).toBeLessThan(4096)
    const reply = await post(small.url, body)
    expect(reply.status).toBe(413)
    expect(reply.json.error).toBe(
      'decompressed body is larger than the limit of 4 KiB; send smaller batches',
    )
  })

  it('leaves a declared encoding alone: identity means the bytes are the body', async () => {
    const reply = await post(h.url, gzipSync('[]'), { 'content-encoding': 'identity' })
    expect(reply.status).toBe(400)
    expect(reply.json.error).toMatch(/^malformed JSON: /)
  })
})
