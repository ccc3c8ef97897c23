export type { CrudRoutesOptions } from './crud-routes.js'
export { crudRoutes } from './crud-routes.js'
export { entities } from './entities.js'
export { DEFAULT_PAGE_SIZE, FILTER_OPERATORS, MAX_PAGE_SIZE } from './list-query.js'
