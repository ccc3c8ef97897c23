import type { ReactNode } from 'react'

// Inline SVG paths (24×24, stroke icons) so buttons need no icon font. Names are what page files use.
const PATHS: Record<string, ReactNode> = {
  'paper-plane': (
    <>
      <path d="M22 2 11 13" />
      <path d="M22 2 15 22l-4-9-9-4Z" />
    </>
  ),
  send: <path d="M3 20 21 12 3 4v6l12 2-12 2Z" />,
  refresh: (
    <>
      <path d="M21 12a9 9 0 1 1-3-6.7" />
      <path d="M21 3v6h-6" />
    </>
  ),
  plus: <path d="M12 5v14M5 12h14" />,
  check: <path d="m5 12 5 5L20 7" />,
  close: <path d="M6 6l12 12M18 6 6 18" />,
  'sign-out': (
    <>
      <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
      <path d="m16 17 5-5-5-5M21 12H9" />
    </>
  ),
  user: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4 4-6 8-6s8 2 8 6" />
    </>
  ),
}

export const iconNames = Object.keys(PATHS)

/** An inline SVG icon by name (`paper-plane`, `send`, `refresh`, `plus`, `check`, `close`, `sign-out`, `user`); unknown names render nothing. */
export function Icon({ name, size = 18 }: { name: string; size?: number }): ReactNode {
  // `wi wi-paper-plane` (the Weather Icons class that existing page files name) is accepted too.
  const key = name.replace(/^wi\s+wi-/, '')
  const path = PATHS[key]
  if (!path) return null
  return (
    <svg
      className="tether-icon"
      data-icon={key}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {path}
    </svg>
  )
}
