// The sample hrdb data, shipped with every database (demo users are separate: see demo-users.ts).
// Managers come before their reports so each row's manager already has an id when it is inserted.
import type { NewEmployee } from './schema.js'

export interface SampleDepartment {
  name: string
  budget: number
  deptCode: string
  location: string
}

export interface SampleEmployee {
  firstname: string
  lastname: string
  street: string
  city: string
  state: string
  zip: string
  birthdate: string
  jobTitle: string
  /** Department by name. */
  department: string
  username: string
  role: 'user' | 'admin'
  /** Manager by username; null for the top of the tree. */
  manager: string | null
}

export const SAMPLE_TENANT_ID = 1

export const sampleDepartments: SampleDepartment[] = [
  { name: 'Engineering', budget: 1_250_000, deptCode: 'ENG', location: 'San Francisco' },
  { name: 'Marketing', budget: 480_000, deptCode: 'MKT', location: 'New York' },
  { name: 'Sales', budget: 720_000, deptCode: 'SLS', location: 'Chicago' },
  { name: 'Human Resources', budget: 260_000, deptCode: 'HR', location: 'Austin' },
  { name: 'Finance', budget: 390_000, deptCode: 'FIN', location: 'Boston' },
]

const employee = (
  firstname: string,
  lastname: string,
  address: [street: string, city: string, state: string, zip: string],
  birthdate: string,
  jobTitle: string,
  department: string,
  manager: string | null,
): SampleEmployee => {
  const [street, city, state, zip] = address
  return {
    firstname,
    lastname,
    street,
    city,
    state,
    zip,
    birthdate,
    jobTitle,
    department,
    username: firstname.toLowerCase(),
    role: 'user',
    manager,
  }
}

export const sampleEmployees: SampleEmployee[] = [
  employee('Eric', 'Lin', ['45 Elm Street', 'San Francisco', 'CA', '94105'], '1971-03-14', 'CEO', 'Engineering', null),
  employee(
    'Chris',
    'Madison',
    ['9 Oak Avenue', 'San Francisco', 'CA', '94110'],
    '1976-08-02',
    'CTO',
    'Engineering',
    'eric',
  ),
  employee(
    'Amy',
    'Ramos',
    ['120 Park Row', 'New York', 'NY', '10038'],
    '1980-11-23',
    'VP Marketing',
    'Marketing',
    'eric',
  ),
  employee(
    'Tom',
    'Becker',
    ['77 Lake Shore Drive', 'Chicago', 'IL', '60611'],
    '1978-05-09',
    'VP Sales',
    'Sales',
    'eric',
  ),
  employee(
    'Nina',
    'Patel',
    ['310 Congress Avenue', 'Austin', 'TX', '78701'],
    '1984-01-30',
    'HR Director',
    'Human Resources',
    'eric',
  ),
  employee(
    'Paul',
    'Okafor',
    ['15 Beacon Street', 'Boston', 'MA', '02108'],
    '1982-07-17',
    'Controller',
    'Finance',
    'eric',
  ),
  employee(
    'Sofia',
    'Marino',
    ['58 Valencia Street', 'San Francisco', 'CA', '94103'],
    '1989-04-05',
    'Software Engineer',
    'Engineering',
    'chris',
  ),
  employee(
    'Daniel',
    'Kim',
    ['402 Mission Street', 'San Francisco', 'CA', '94105'],
    '1991-09-12',
    'QA Engineer',
    'Engineering',
    'chris',
  ),
  employee(
    'Grace',
    'Nguyen',
    ['8 Hudson Street', 'New York', 'NY', '10013'],
    '1990-12-01',
    'Content Strategist',
    'Marketing',
    'amy',
  ),
  employee(
    'Marcus',
    'Hill',
    ['233 Wacker Drive', 'Chicago', 'IL', '60606'],
    '1987-02-26',
    'Account Executive',
    'Sales',
    'tom',
  ),
  employee(
    'Lena',
    'Fischer',
    ['21 Newbury Street', 'Boston', 'MA', '02116'],
    '1993-06-19',
    'Financial Analyst',
    'Finance',
    'paul',
  ),
]

/** The demo logins: password = username. They exist only in demo mode (see demo-users.ts). */
export const demoEmployees: SampleEmployee[] = [
  {
    ...employee(
      'Olivia',
      'Carter',
      ['5 Market Street', 'San Francisco', 'CA', '94105'],
      '1992-10-08',
      'Product Designer',
      'Engineering',
      'chris',
    ),
    username: 'user1',
  },
  {
    ...employee(
      'James',
      'Walker',
      ['64 Broadway', 'New York', 'NY', '10004'],
      '1988-03-22',
      'Marketing Manager',
      'Marketing',
      'amy',
    ),
    username: 'user2',
  },
  {
    ...employee(
      'Priya',
      'Shah',
      ['140 Clark Street', 'Chicago', 'IL', '60603'],
      '1994-08-15',
      'Sales Associate',
      'Sales',
      'tom',
    ),
    username: 'user3',
  },
  {
    ...employee(
      'Alex',
      'Morgan',
      ['1 Admin Plaza', 'Austin', 'TX', '78701'],
      '1985-05-27',
      'IT Administrator',
      'Human Resources',
      'nina',
    ),
    username: 'admin',
    role: 'admin',
  },
]

export const pictureUrl = (username: string) => `/pictures/${username}.svg`

/** The `employee` row of a sample or demo employee, once its department and manager have ids. */
export function employeeRow(
  e: SampleEmployee,
  ids: { deptId: number | null; managerId: number | null; passwordHash: string | null },
): NewEmployee {
  return {
    firstname: e.firstname,
    lastname: e.lastname,
    street: e.street,
    city: e.city,
    state: e.state,
    zip: e.zip,
    birthdate: e.birthdate,
    picurl: pictureUrl(e.username),
    job_title: e.jobTitle,
    dept_id: ids.deptId,
    username: e.username,
    password_hash: ids.passwordHash,
    role: e.role,
    manager_id: ids.managerId,
    tenant_id: SAMPLE_TENANT_ID,
  }
}
