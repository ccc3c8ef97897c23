import { randomBytes } from 'node:crypto'
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { listProjects } from './load-project.js'

/**
 * Makes sure the projects folder exists. On the first start (no folder yet) it is created with a copy
 * of every template project, so the demo apps are there to run and edit while the templates themselves
 * (the repository's `examples/`) are never written to. A folder that exists is left as it is: projects
 * the user deleted do not come back. Returns the names of the projects copied.
 *
 * The copy is made in a temporary folder beside the target and renamed into place, so an interrupted
 * start leaves either no folder (copied again next time) or a complete one; when two servers start on
 * the same data folder at once, the second rename fails and that server uses the first one's copy.
 */
export async function seedProjects(projectsDir: string, templatesDir: string): Promise<string[]> {
  if (await exists(projectsDir)) return []
  const parent = dirname(projectsDir)
  await mkdir(parent, { recursive: true })
  const temp = join(parent, `.projects-${randomBytes(6).toString('hex')}.tmp`)
  const templates = (await listProjects(templatesDir)).map((template) => template.name)
  try {
    await mkdir(temp)
    for (const name of templates) await cp(join(templatesDir, name), join(temp, name), { recursive: true })
    await rename(temp, projectsDir)
    return templates
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    if (await exists(projectsDir)) return [] // another server made it first
    throw error
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
