export { DEMO_USERNAMES } from './demo-users.js'
export { demoEmployees, pictureUrl, sampleDepartments, sampleEmployees } from './hrdb-sample.js'
export { openDatabase, sqliteConnection } from './open-database.js'
export type { ChatMessage, Database, Db, Department, Employee } from './schema.js'
export {
  fitsIntegerColumn,
  hasNulCharacter,
  INTEGER_COLUMN_MAX,
  INTEGER_COLUMN_MIN,
  NUL_CHARACTER_RULE,
  storableInteger,
  storableText,
} from './storable-values.js'
