export { handleShopApi } from './handler'
export { shopApi } from './vitePlugin'
