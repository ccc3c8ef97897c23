import { readFile } from 'node:fs/promises'
import { ApiError, ApiErrorCodes } from '../errors/index.js'

/**
 * Reads and parses a JSON file of a project (the project file, services, pages, mocks, secrets); null
 * when it does not exist. Broken JSON is a 500 `TETHER_PROJECT_INVALID` naming the file.
 */
export async function readJsonFile(path: string): Promise<unknown | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ApiError(
      500,
      ApiErrorCodes.PROJECT_INVALID,
      `${path} is not valid JSON (${(error as Error).message}). Fix or delete the file.`,
    )
  }
}
