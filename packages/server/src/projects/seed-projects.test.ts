import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedProjects } from './seed-projects.js'

describe('seedProjects: the first start copies the templates, later starts leave the folder alone', () => {
  let root: string
  let templates: string
  let projects: string

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tether-seed-'))
    templates = join(root, 'examples')
    projects = join(root, 'data', 'projects')
    mkdirSync(join(templates, 'demo', 'pages'), { recursive: true })
    writeFileSync(join(templates, 'demo', 'tether.json'), '{"title": "Demo"}\n')
    writeFileSync(join(templates, 'demo', 'pages', 'Main.page.json'), '{ "name": "Main", "widgets": [] }')
    mkdirSync(join(templates, 'notes'))
    writeFileSync(join(templates, 'notes', 'readme.txt'), 'not a project')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('creates the missing folder with a byte-for-byte copy of every template project, and nothing else', async () => {
    expect(await seedProjects(projects, templates)).toEqual(['demo'])
    expect(readdirSync(projects)).toEqual(['demo'])
    expect(readFileSync(join(projects, 'demo', 'pages', 'Main.page.json'), 'utf8')).toBe(
      '{ "name": "Main", "widgets": [] }',
    )
    // No temporary folder is left beside it.
    expect(readdirSync(join(root, 'data'))).toEqual(['projects'])
  })

  it('leaves an existing folder as it is, so a deleted project does not come back', async () => {
    mkdirSync(projects, { recursive: true })
    expect(await seedProjects(projects, templates)).toEqual([])
    expect(readdirSync(projects)).toEqual([])
  })

  it('makes one complete copy when two servers start on the same data folder at once', async () => {
    const results = await Promise.all([seedProjects(projects, templates), seedProjects(projects, templates)])
    expect(results.flat()).toEqual(['demo'])
    expect(readdirSync(projects)).toEqual(['demo'])
    expect(readdirSync(join(root, 'data'))).toEqual(['projects'])
  })
})
