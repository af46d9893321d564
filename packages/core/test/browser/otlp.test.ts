import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { otlpTransport } from '../../src/otlp'
import type { OtlpExportLogsRequest } from '../../src/otlp/toOtlpLogs'
import { button, track } from './harness'

interface Received {
  contentType: string
  body: OtlpExportLogsRequest
}

const received = async (): Promise<Received[]> => (await fetch('/otlp-intake')).json()

describe('otlpTransport', () => {
  it('sends the actions as OTLP/HTTP JSON log records to an OpenTelemetry receiver', async () => {
    await received() // forget what earlier runs left
    const { tracker, eventFor } = track({
      transport: otlpTransport({
        url: '/otlp-intake',
        serviceName: 'shop-web',
        serviceVersion: '2.4.1',
      }),
    })
    await userEvent.click(button('Add to cart'))
    const click = await eventFor('Add to cart')
    tracker.addAction('Coupon applied', { code: 'SPRING' })
    await tracker.flush()
    const requests = await received()
    expect(requests).toHaveLength(1)
    expect(requests[0]?.contentType).toBe('application/json')
    const [resourceLogs] = requests[0]?.body.resourceLogs ?? []
    const attributes = Object.fromEntries(
      resourceLogs?.resource.attributes.map((a) => [a.key, a.value]) ?? [],
    )
    expect(attributes['service.name']).toEqual({ stringValue: 'shop-web' })
    const records = resourceLogs?.scopeLogs[0]?.logRecords ?? []
    expect(records.map((r) => r.body)).toEqual([
      { stringValue: 'Add to cart' },
      { stringValue: 'Coupon applied' },
    ])
    const first = Object.fromEntries(records[0]?.attributes.map((a) => [a.key, a.value]) ?? [])
    expect(first['actiontrail.action.id']).toEqual({ stringValue: click.action.id })
    expect(first['actiontrail.action.type']).toEqual({ stringValue: 'click' })
    expect(records[0]?.timeUnixNano).toBe(`${click.action.start}000000`)
  })
})
