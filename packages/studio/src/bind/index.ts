export { BindDialog, type BindDialogProps } from './BindDialog.js'
export {
  type BindingContext,
  type BindingSource,
  bindingSources,
  datasetFields,
  variableFields,
} from './binding-sources.js'
export { LinkIcon } from './LinkIcon.js'
export { Modal } from './Modal.js'
export { checkExpression } from './validate-expression.js'
