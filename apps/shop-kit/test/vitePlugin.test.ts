import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, preview } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shopApi } from '../src/server/vitePlugin'

let root: string

beforeAll(() => {
  // A built app of one page, enough for both servers to start.
  root = mkdtempSync(join(tmpdir(), 'shop-kit-vite-'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>shop</title>')
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

const options = () => ({
  root,
  configFile: false as const,
  logLevel: 'silent' as const,
  plugins: [shopApi()],
  server: { host: '127.0.0.1', port: 0 },
  preview: { host: '127.0.0.1', port: 0 },
  build: { outDir: root },
})

/** The shop API answers, and the app still gets every other URL. */
async function expectShopApi(base: string) {
  const product = await fetch(`${base}/api/products/1`)
  expect(product.status).toBe(200)
  expect(await product.json()).toMatchObject({ id: 1, name: 'Trail Runner' })
  const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } })
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<title>shop</title>')
}

describe('shopApi() in Vite', () => {
  it('serves the shop API from the dev server', async () => {
    const server = await createServer(options())
    try {
      await server.listen()
      await expectShopApi(server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '')
    } finally {
      await server.close()
    }
  })

  it('serves the shop API from the preview server', async () => {
    const server = await preview(options())
    try {
      await expectShopApi(server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '')
    } finally {
      await server.close()
    }
  })
})
