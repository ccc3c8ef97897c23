export { encodeTextFrame, FrameWriter, textFrameOf } from './frame-writer.js'
