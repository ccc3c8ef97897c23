export type { LoadedProject } from './load-project.js'
export { isProjectName, listProjects, loadProject, loadProjectFile } from './load-project.js'
export type { ProjectFileKind } from './project-folder.js'
export {
  checkName,
  checkScriptPath,
  FILE_SUFFIX,
  ProjectFolder,
  toFileJson,
  writeFileAtomic,
} from './project-folder.js'
export type { ProjectRoutesOptions } from './project-routes.js'
export { projectRoutes } from './project-routes.js'
export { projectSignInColumns } from './project-sign-in.js'
export { readJsonFile } from './read-json-file.js'
export { seedProjects } from './seed-projects.js'
export { sendBundleFile } from './send-bundle-file.js'
