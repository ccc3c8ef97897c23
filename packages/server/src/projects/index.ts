export { projectRoutes } from './projectRoutes.js'
export type { ProjectRoutesOptions } from './projectRoutes.js'
export { listProjects, loadProject } from './loadProject.js'
export type { LoadedProject } from './loadProject.js'
