export { forbiddenAddressRule } from './ip-ranges.js'
export type { ProxyRoutesOptions } from './proxy-routes.js'
export { proxyRoutes } from './proxy-routes.js'
