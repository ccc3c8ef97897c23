import { createRoot } from 'react-dom/client'
import 'uplot/dist/uPlot.min.css'
import { injectTetherCss } from '../widgets/styles.js'
import { App } from './App.js'
import { projectNameFromPath } from './service-url.js'

injectTetherCss()
const root = createRoot(document.getElementById('root')!)
const projectName = projectNameFromPath(location.pathname)
root.render(
  projectName ? (
    <App projectName={projectName} />
  ) : (
    <div className="tether-login" role="alert">
      Open an app under /apps/&lt;project&gt;/, e.g. <a href="/apps/heartrate/">/apps/heartrate/</a>.
    </div>
  ),
)
