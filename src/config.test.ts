import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'
import { DatabaseUnavailableError, connectDatabase } from './db/connect.ts'

const dir = () => mkdtempSync(join(tmpdir(), 'balai-cfg-'))

describe('configuration', () => {
  it('has sensible defaults and keeps a generated secret', () => {
    const d = dir()
    const a = loadConfig({ BALAI_DATA_DIR: d })
    expect(a.port).toBe(3000)
    expect(a.host).toBe('127.0.0.1')
    expect(a.regency).toBe('63.07')
    expect(a.databaseUrl).toBeUndefined()
    expect(a.secret.length).toBeGreaterThanOrEqual(32)
    expect(loadConfig({ BALAI_DATA_DIR: d }).secret).toBe(a.secret)
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
    [{ BALAI_REGENCY: '6307' }, 'BALAI_REGENCY'],
    [{ BALAI_PUBLIC_URL: 'ftp://x' }, 'BALAI_PUBLIC_URL'],
    [{ BALAI_SECRET: 'short' }, 'BALAI_SECRET'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ BALAI_HOLIDAYS: '2026-12-25,25/12/2026' }, 'BALAI_HOLIDAYS'],
  ])('refuses %o with a message naming %s', (env, name) => {
    expect(() => loadConfig({ BALAI_DATA_DIR: dir(), ...env })).toThrow(ConfigError)
    expect(() => loadConfig({ BALAI_DATA_DIR: dir(), ...env })).toThrow(new RegExp(name))
  })

  it('reports an unreachable PostgreSQL clearly', async () => {
    await expect(connectDatabase({ databaseUrl: 'postgres://balai:geheim@127.0.0.1:1/balai' })).rejects.toThrow(DatabaseUnavailableError)
    await expect(connectDatabase({ databaseUrl: 'postgres://balai:geheim@127.0.0.1:1/balai' })).rejects.toThrow(/Tidak dapat terhubung.*balai:\*\*\*@/)
  })

  it('makes the CLI exit non-zero with the message', () => {
    const env = { ...process.env, BALAI_DATA_DIR: dir() }
    const bad = spawnSync('npx', ['tsx', 'src/cli.ts', 'migrate'], { env: { ...env, DATABASE_URL: 'postgres://127.0.0.1:1/balai' }, encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/Tidak dapat terhubung ke basis data PostgreSQL/)
    const malformed = spawnSync('npx', ['tsx', 'src/cli.ts', 'migrate'], { env: { ...env, DATABASE_URL: 'nonsense' }, encoding: 'utf8' })
    expect(malformed.status).toBe(1)
    expect(malformed.stderr).toMatch(/DATABASE_URL harus berupa alamat PostgreSQL/)
  })
})
