import type { Hono } from 'hono'

/**
 * A tiny browser for app.request(): keeps cookies, finds the CSRF token in the last page and
 * sends it with forms, follows nothing (tests look at redirects themselves).
 */
export class TestBrowser {
  private cookies = new Map<string, string>()
  private csrf = ''
  readonly ip: string

  constructor(private app: Hono<any>, opts: { ip?: string } = {}) {
    this.ip = opts.ip ?? '203.0.113.7'
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')

    return { ...(cookie ? { cookie } : {}), 'x-forwarded-for': this.ip, 'user-agent': 'vitest', ...extra }
  }

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i)
      const value = pair.slice(i + 1)
      if (/max-age=0/i.test(c) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response & { text(): Promise<string> }> {
    const res = await this.app.request(path, { headers: this.headers(headers) })
    this.remember(res)
    const body = await res.clone().text()
    const m = /name="_csrf" value="([^"]+)"/.exec(body)
    if (m) this.csrf = m[1]

    return res
  }

  /** Posts a form (urlencoded) with the CSRF token unless `csrf: false`. */
  async post(path: string, form: Record<string, string>, opts: { csrf?: boolean | string } = {}): Promise<Response> {
    if (opts.csrf !== false && !this.csrf) await this.get('/staf/masuk')
    const body = new URLSearchParams(form)
    if (opts.csrf !== false) body.set('_csrf', typeof opts.csrf === 'string' ? opts.csrf : this.csrf)
    const res = await this.app.request(path, { method: 'POST', body, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }) })
    this.remember(res)

    return res
  }

  /** Posts multipart form data (files) with the CSRF token. */
  async postMultipart(path: string, data: FormData): Promise<Response> {
    if (!this.csrf) await this.get('/staf/masuk')
    data.set('_csrf', this.csrf)
    const res = await this.app.request(path, { method: 'POST', body: data, headers: this.headers() })
    this.remember(res)

    return res
  }

  async login(username: string, password: string): Promise<Response> {
    await this.get('/staf/masuk')
    const res = await this.post('/staf/masuk', { username, password })
    if (res.status !== 303) throw new Error(`login failed for ${username}: ${res.status}`)

    return res
  }

  get csrfToken(): string {
    return this.csrf
  }
}

/** JSON API calls with an optional bearer token. */
export async function api(app: Hono<any>, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; ip?: string } = {}): Promise<{ status: number; json: any; res: Response }> {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '198.51.100.9', ...(opts.headers ?? {}) }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  const res = await app.request(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) })
  const text = await res.clone().text()
  let json: unknown = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }

  return { status: res.status, json, res }
}
