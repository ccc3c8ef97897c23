// Baseline for start-up time: the least a Node web server can do before its first 200.
import { createServer } from 'node:http'

const port = Number(process.env.PORT ?? 0)
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' })
  res.end('<!doctype html><title>hello</title>')
}).listen(port, '127.0.0.1')
