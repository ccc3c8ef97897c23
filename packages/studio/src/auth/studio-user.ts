import { createContext, useContext } from 'react'

/** The username the studio is signed in with; null outside a signed-in studio. */
export const StudioUserContext = createContext<string | null>(null)

/** Who is signed in to the studio, for screens that act under that name (a test "as admin"). */
export function useStudioUser(): string | null {
  return useContext(StudioUserContext)
}
