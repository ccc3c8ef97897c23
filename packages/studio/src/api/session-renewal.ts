/**
 * Asks the admin to sign in again when the session ends under the studio, so the call that met the
 * 401 can be retried instead of failing (and the edit it carried being lost). The App registers how to
 * ask (a dialog over the current screen); calls that fail together share one request.
 */
type Renew = () => Promise<boolean>

let renew: Renew | null = null
let pending: Promise<boolean> | null = null

/** Registers how to ask for a new sign-in (resolves true once signed in, false when the admin declines). */
export function setSessionRenewal(handler: Renew | null): void {
  renew = handler
}

/** Signs in again through the registered handler; false when there is none or the admin declined. */
export function renewSession(): Promise<boolean> {
  if (renew === null) return Promise.resolve(false)
  pending ??= renew().finally(() => {
    pending = null
  })
  return pending
}
