export type { DemoServiceOptions } from './demo-routes.js'
export { demoServiceRoutes } from './demo-routes.js'
export type { HeartrateReading } from './heartrate.js'
export { HeartrateBroadcaster, MAX_BPM, MIN_BPM, nextHeartrate } from './heartrate.js'
