export { listVariables, type VariableRow } from './list-variables.js'
export { renameReferences } from './rename-references.js'
export { VariableDialog, type VariableDialogProps } from './VariableDialog.js'
export { VariablesEditor } from './VariablesEditor.js'
