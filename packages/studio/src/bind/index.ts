export { BindDialog, type BindDialogProps } from './BindDialog.js'
export {
  type BindingContext,
  type BindingSource,
  bindingSources,
  datasetFields,
  datasetSource,
  variableFields,
} from './binding-sources.js'
export { LinkIcon } from './LinkIcon.js'
export { Modal } from './Modal.js'
export {
  channelFields,
  kindFields,
  type MessageKind,
  messageKinds,
  routedDatasetExpression,
  type ServiceMessageKinds,
} from './message-kinds.js'
export { checkExpression } from './validate-expression.js'
