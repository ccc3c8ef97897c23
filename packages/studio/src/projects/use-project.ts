import { useCallback, useEffect, useState } from 'react'
import { type ProjectContents, studioApi } from '../api/studio-api.js'

export type ProjectState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; contents: ProjectContents }

/** The open project's files, loaded once and again after each save (`reload`). */
export function useProject(project: string) {
  const [state, setState] = useState<ProjectState>({ status: 'loading' })

  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', contents: await studioApi.openProject(project) })
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message })
    }
  }, [project])

  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
  }, [reload])

  return { state, reload }
}
