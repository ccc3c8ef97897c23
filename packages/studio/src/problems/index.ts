export { type FixPlace, findProblems, type Problem, usersOfService, usersOfVariable } from './find-problems.js'
export { ProblemsPanel } from './ProblemsPanel.js'
