import { configure } from '@testing-library/dom'

// Testing Library's waitFor/findBy give up after 1 s by default: on a busy two-core machine a widget
// that lazy-loads its library (the chart's uPlot) can take longer than that to first render, and the
// test failed for no fault of the code. Waits are for conditions, so a generous bound costs nothing
// when the condition holds; the test's own timeout still ends a wait that never succeeds.
configure({ asyncUtilTimeout: 15_000 })
