import { validatePage } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import { PAGE_TEMPLATES } from './page-templates.js'

describe('page templates', () => {
  it('are valid pages, titled in their navbar', () => {
    for (const template of PAGE_TEMPLATES) {
      const page = validatePage({ name: 'Main', title: 'Sales', variables: {}, widgets: template.widgets('Sales') })
      if (template.id !== 'blank') expect(JSON.stringify(page.widgets)).toContain('"title":"Sales"')
    }
  })
})
