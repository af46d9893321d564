import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { startApp } from './app'
import { sleep } from './harness'
import { cart } from './routes'

describe('Router integration', () => {
  it('names the page load after its route, without a navigation action of its own', async () => {
    const { load, navigations, eventFor, harness } = await startApp('/products/7')
    expect(load.action.name).toBe('/products/:id')
    await userEvent.click(harness.routeNativeElement?.querySelector('h1') as HTMLElement)
    const click = await eventFor('Product')
    expect(click.view.route).toBe('/products/:id')
    expect(navigations()).toEqual([])
  })

  it('names a navigation after the joined pattern of nested routes and fills view.route', async () => {
    const { navigate, navigationTo, navigations } = await startApp()
    await navigate('/products/7?ref=home')
    const event = await navigationTo('/products/:id')
    expect(event.action).toMatchObject({
      complete_reason: 'completed',
      navigation: { method: 'push', to: `${location.origin}/products/7?ref=home` },
    })
    expect(event.view).toMatchObject({ path: '/products/7', route: '/products/:id' })
    // It stayed open until the new page had rendered.
    expect(event.action.counts.mutations).toBeGreaterThan(0)
    expect(navigations()).toHaveLength(1)
  })

  it('a link click ends as the trigger of the navigation it caused', async () => {
    const { harness, navigationTo, eventFor } = await startApp()
    const link = harness.routeNativeElement?.querySelector('a') as HTMLElement
    await userEvent.click(link)
    const navigation = await navigationTo('/cart')
    const click = await eventFor((e) => e.action.type === 'click')
    expect(click.action.complete_reason).toBe('interrupted_by_navigation')
    expect(navigation.action.navigation?.trigger).toBe(click.action.id)
  })

  it('names lazy children and the wildcard route by their patterns', async () => {
    const { navigate, navigationTo } = await startApp()
    await navigate('/docs/getting-started')
    expect((await navigationTo('/docs/:slug')).view.path).toBe('/docs/getting-started')
    await navigate('/no/such/page')
    expect((await navigationTo('/*')).view.route).toBe('/*')
  })

  it('a guard redirect ends as one navigation named after the final route', async () => {
    const { navigate, navigationTo, navigations } = await startApp()
    await navigate('/checkout')
    const event = await navigationTo('/cart')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action.navigation?.failure).toBeUndefined()
    expect(event.view).toMatchObject({ path: '/cart', route: '/cart' })
    await sleep(300)
    expect(navigations()).toHaveLength(1)
  })

  it('back to a page whose guard now redirects is one popstate navigation to the final route', async () => {
    const { navigate, navigationTo, navigations } = await startApp()
    cart.items = 1
    await navigate('/checkout')
    await navigate('/products/7')
    await navigationTo('/products/:id')
    cart.items = 0
    history.back()
    await expect.poll(() => location.pathname).toBe('/cart')
    const event = await navigationTo('/cart')
    expect(event.action).toMatchObject({
      complete_reason: 'completed',
      navigation: { method: 'popstate' },
    })
    expect(event.action.navigation?.failure).toBeUndefined()
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/checkout', '/products/:id', '/cart'])
  })

  it('a guard refusing the navigation ends it as aborted, named after the refused route', async () => {
    const { navigate, navigationTo } = await startApp()
    expect(await navigate('/admin/users')).toBe(false)
    const event = await navigationTo('/admin/:section')
    expect(event.action.navigation?.failure).toBe('aborted')
    expect(event.view.route).toBe('/admin/:section')
    expect(location.pathname).toBe('/')
  })

  it('a guard that throws ends the navigation as an error', async () => {
    const { navigate, navigationTo } = await startApp()
    await expect(navigate('/broken')).rejects.toThrow('guard failed')
    expect((await navigationTo('/broken')).action.navigation?.failure).toBe('error')
  })

  it('a navigation replaced by a newer one ends as cancelled', async () => {
    const { navigate, navigationTo, navigations } = await startApp()
    const slow = navigate('/slow')
    await sleep(50)
    await navigate('/cart')
    expect(await slow).toBe(false)
    expect((await navigationTo('/slow')).action.navigation?.failure).toBe('cancelled')
    expect((await navigationTo('/cart')).action.complete_reason).toBe('completed')
    expect(navigations()).toHaveLength(2)
  })

  it('back and forward are one popstate navigation each, named after the route', async () => {
    const { navigate, navigationTo, navigations } = await startApp()
    await navigate('/products/7')
    await navigate('/cart')
    await navigationTo('/cart')
    history.back()
    await expect.poll(() => navigations().length).toBe(3)
    const back = navigations()[2]?.action
    expect(back).toMatchObject({ name: '/products/:id', navigation: { method: 'popstate' } })
    expect(back?.navigation?.trigger).toBeUndefined()
    history.forward()
    await expect.poll(() => navigations().length).toBe(4)
    expect(navigations()[3]?.action).toMatchObject({
      name: '/cart',
      navigation: { method: 'popstate' },
    })
    await sleep(300)
    expect(navigations()).toHaveLength(4)
  })

  it('router: false leaves navigations to the tracker, named by their path', async () => {
    const { navigate, navigationTo } = await startApp('/', { router: false })
    await navigate('/products/7')
    expect((await navigationTo('/products/7')).view.route).toBeUndefined()
  })
})
