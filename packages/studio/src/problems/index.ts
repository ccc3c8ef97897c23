export { type FixPlace, findProblems, type Problem, usersOfService } from './find-problems.js'
export { ProblemsPanel } from './ProblemsPanel.js'
