export { DraftBanner } from './DraftBanner.js'
export {
  draftKey,
  MAX_DRAFT_CHARS,
  moveDrafts,
  readDraft,
  removeDraft,
  type StoredDraft,
  writeDraft,
} from './draft-storage.js'
export { confirmLeave, type Place, unsavedWork, useLeaveGuard } from './leave-guard.js'
export { type Draft, useDraft } from './use-draft.js'
