export { avatarSvg } from './avatar.js'
export { PICTURES_DIR, pictureRoutes } from './picture-routes.js'
