import { shopTrackerOptions } from '@actiontrail/shop-kit'
import { createActiontrail } from '@actiontrail/vue'
import { createApp } from 'vue'
import '@actiontrail/shop-kit/shop.css'
import App from './App.vue'
import { createShopRouter } from './router'

const router = createShopRouter()

// The plugin creates the tracker from the options, and names navigations after the routes.
createApp(App)
  .use(router)
  .use(createActiontrail({ options: shopTrackerOptions(import.meta.env), router }))
  .mount('#app')
