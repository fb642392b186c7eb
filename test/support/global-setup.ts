import pg from 'pg'

/** Fails fast, with a clear message, when the PostgreSQL under test cannot be reached. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (e) {
    throw new Error(`TEST_DATABASE_URL tidak dapat dihubungi (${url}): ${(e as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}
