import { inferSchema } from '@tether/core'
import { it } from 'vitest'
it('x', () => { const r = inferSchema([{ time: 1513152655902, value: 95 }, { time: 1513152656402, value: 93, note: null }], {name:'heart_rate'}); console.log(r.fields, r.typescript) })
