export { appendHandler, type HandlerOwner, handlerName, handlerStub } from './handler-stub.js'
export { ScriptDraft } from './ScriptDraft.js'
export { ScriptPanel } from './ScriptPanel.js'
export { type ScriptFile, useScriptFile } from './use-script-file.js'
