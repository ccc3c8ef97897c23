export { EditableRows, type RowControls } from './EditableRows.js'
export {
  type FieldProblemsByPath,
  type SaveOutcome,
  type SaveWithValidation,
  useSaveWithValidation,
} from './use-save-with-validation.js'
