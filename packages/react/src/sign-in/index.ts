export type { SignInFormClasses, SignInFormProps } from './SignInForm.js'
export { SignInForm } from './SignInForm.js'
