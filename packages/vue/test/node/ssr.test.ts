import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createMemoryHistory, createRouter } from 'vue-router'
import { watchBrowserGlobals } from '../../../../config/browserGlobals'

/** The public surface, typed from the sources; the tests load the built files. */
type VueAdapter = typeof import('../../src/index')

const require = createRequire(import.meta.url)
const built = (name: string) => fileURLToPath(new URL(`../../dist/${name}`, import.meta.url))

/** The browser globals `work` read: a server must read none (a Nuxt user would hit each one). */
const browserGlobalsRead = async (work: () => unknown) => (await watchBrowserGlobals(work)).read

const builds: Partial<Record<'esm' | 'cjs', { adapter: VueAdapter; read: string[] }>> = {}

beforeAll(async () => {
  for (const file of ['index.js', 'index.cjs']) {
    if (!existsSync(built(file))) {
      throw new Error(`dist/${file} is missing: build @actiontrail/vue first (npm test builds it).`)
    }
  }
  let esm: VueAdapter | undefined
  let cjs: VueAdapter | undefined
  const esmRead = await browserGlobalsRead(async () => {
    esm = (await import(/* @vite-ignore */ '@actiontrail/vue')) as VueAdapter
  })
  const cjsRead = await browserGlobalsRead(() => {
    cjs = require(built('index.cjs')) as VueAdapter
  })
  if (esm) builds.esm = { adapter: esm, read: esmRead }
  if (cjs) builds.cjs = { adapter: cjs, read: cjsRead }
})

describe.each(['esm', 'cjs'] as const)('the %s build on a server', (format) => {
  const build = () => {
    const loaded = builds[format]
    if (!loaded) throw new Error(`the ${format} build did not load`)
    return loaded
  }

  it('imports without reading a browser global', () => {
    expect(build().read).toEqual([])
  })

  it('renders an app that uses the plugin, the composables, the directive and the router', async () => {
    const { createActiontrail, useTracker, useUserAction } = build().adapter
    const Product = defineComponent({
      setup() {
        const checkout = useUserAction('Checkout', { context: { step: 1 } })
        checkout.start({ items: 1 })
        useTracker()?.addAction('Rendered on the server')
        return { state: checkout.action?.state }
      },
      template: `<h1>Blue shoes</h1><button type="button" v-action-name="'Add to cart'">Add</button><p>{{ state }}</p>`,
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/products/:id', component: Product }],
    })
    const app = createSSRApp({ template: '<RouterView />' })
    app.use(router)
    app.use(createActiontrail({ options: { applicationId: 'shop' }, router }))

    let html = ''
    const read = await browserGlobalsRead(async () => {
      await router.push('/products/7')
      await router.isReady()
      html = await renderToString(app)
    })
    expect(html).toContain('<button type="button" data-action-name="Add to cart">Add</button>')
    // The tracker created on the server is inert: its actions are over at once.
    expect(html).toContain('<p>complete</p>')
    expect(read).toEqual([])
  })
})
