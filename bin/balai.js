#!/usr/bin/env node
// `npx balai …`: runs the TypeScript sources through tsx's loader (no build step to forget).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli.ts')
process.exit(await main(process.argv.slice(2)))
