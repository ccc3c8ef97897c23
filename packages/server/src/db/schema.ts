import type { Generated, Insertable, Kysely, Selectable } from 'kysely'

// Column names are snake_case as in the sample hrdb data set; the HTTP API speaks camelCase (see crud/).

export interface DepartmentTable {
  dept_id: Generated<number>
  name: string
  budget: number | null
  dept_code: string | null
  location: string | null
  tenant_id: number | null
}

export interface EmployeeTable {
  emp_id: Generated<number>
  firstname: string
  lastname: string
  street: string | null
  city: string | null
  state: string | null
  zip: string | null
  /** ISO date `YYYY-MM-DD`, stored as text on both dialects so one query path compares it. */
  birthdate: string | null
  picurl: string | null
  job_title: string | null
  dept_id: number | null
  username: string | null
  /** `scrypt$…` (see security/password.ts); null means the employee cannot log in. */
  password_hash: string | null
  role: string
  manager_id: number | null
  tenant_id: number | null
}

export interface ChatMessageTable {
  id: Generated<number>
  room: string
  username: string
  message: string
  /** Epoch milliseconds. */
  time: number
}

export interface SessionTable {
  /** SHA-256 of the session token (hex): a leaked table does not leak usable cookies. */
  id: string
  emp_id: number
  created_at: number
  expires_at: number
}

export interface Database {
  department: DepartmentTable
  employee: EmployeeTable
  chat_message: ChatMessageTable
  session: SessionTable
}

/** The database handle every feature receives: Kysely over SQLite or PostgreSQL, migrated. */
export type Db = Kysely<Database>

export type Employee = Selectable<EmployeeTable>
export type NewEmployee = Insertable<EmployeeTable>
export type Department = Selectable<DepartmentTable>
export type ChatMessage = Selectable<ChatMessageTable>
