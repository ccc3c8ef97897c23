import type { PathParamDefinition } from '@tether/core'
import type { ReactNode } from 'react'
import { EditableRows } from '../../form/index.js'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import { paramToSegment, renamePathParam, segmentToParam, splitPath } from './path-params.js'
import type { DraftProblems } from './service-draft.js'

interface Props {
  url: string
  pathParams: PathParamDefinition[]
  problems: DraftProblems
  onChange: (url: string, pathParams: PathParamDefinition[]) => void
}

/** The URL's path as buttons: click a segment to make it a `{param}`, click a param to make it text again. */
export function PathSegments({ url, pathParams, problems, onChange }: Props): ReactNode {
  const { segments } = splitPath(url)
  // A segment's key is where it starts in the path: it stays while that segment is toggled.
  const starts = segments.map((_, index) => segments.slice(0, index).reduce((at, s) => at + s.text.length + 1, 0))
  const toParam = (index: number) => {
    const made = segmentToParam(
      url,
      index,
      pathParams.map((p) => p.name),
    )
    if (made) onChange(made.url, [...pathParams, made.param])
  }
  const toText = (index: number, name: string) => {
    const value = pathParams.find((p) => p.name === name)?.default ?? name
    onChange(
      paramToSegment(url, index, value),
      pathParams.filter((p) => p.name !== name),
    )
  }
  const update = (index: number, patch: Partial<PathParamDefinition>) => {
    const current = pathParams[index]
    if (!current) return
    const next = pathParams.map((p, i) => (i === index ? { ...p, ...patch } : p))
    const renamed = patch.name !== undefined && patch.name !== current.name
    onChange(renamed ? renamePathParam(url, current.name, patch.name ?? '') : url, next)
  }

  return (
    <fieldset className="fieldset">
      <legend>Path parameters</legend>
      {segments.length === 0 ? (
        <p className="muted small">The URL has no path.</p>
      ) : (
        <>
          <p className="muted small">
            Click a segment to turn it into a {'{parameter}'}; click a parameter to make it text again.
          </p>
          <div className="segments">
            {segments.map((segment, index) =>
              segment.text === '' ? null : (
                <button
                  key={starts[index]}
                  type="button"
                  className={segment.param ? 'segment param' : 'segment'}
                  onClick={() => (segment.param ? toText(index, segment.param) : toParam(index))}
                  title={segment.param ? 'Make this plain text again' : 'Turn this segment into a {parameter}'}
                >
                  /{segment.text}
                </button>
              ),
            )}
          </div>
        </>
      )}
      <EditableRows
        rows={pathParams}
        onChange={(next) => onChange(url, next)}
        row={(param, index) => (
          <tr>
            <td>
              <input
                aria-label={`Path parameter ${index + 1} name`}
                className="mono"
                value={param.name}
                onChange={(e) => update(index, { name: e.target.value })}
                {...invalidProps(problems, `pathParams[${index}].name`, `path-${index}-problem`)}
              />
              <FieldProblems problems={problems} path={`pathParams[${index}].name`} id={`path-${index}-problem`} />
            </td>
            <td>
              <input
                aria-label={`Path parameter ${param.name} default`}
                value={param.default ?? ''}
                onChange={(e) => update(index, { default: e.target.value })}
              />
            </td>
            <td>
              <input
                aria-label={`Path parameter ${param.name} description`}
                value={param.description ?? ''}
                onChange={(e) => update(index, { description: e.target.value })}
              />
            </td>
          </tr>
        )}
      >
        {(rendered) =>
          // Rows follow the URL's segments: they are added and removed by clicking those.
          pathParams.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Default</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>{rendered}</tbody>
            </table>
          )
        }
      </EditableRows>
      <FieldProblems problems={problems} path="pathParams" id="path-params-problem" />
    </fieldset>
  )
}
