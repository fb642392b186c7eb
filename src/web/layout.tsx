import type { Child, FC, PropsWithChildren } from 'hono/jsx'
import { useRequestContext } from 'hono/jsx-renderer'
import type { FieldErrors } from '../lib/errors.ts'
import { CSRF_FIELD } from './csrf.ts'
import { assetUrl } from './static.ts'
import type { NavItem } from './nav.ts'
import type { AppEnv } from './env.ts'

export interface PageMeta {
  title: string
  description?: string
  /** absolute path of the page, for canonical and OpenGraph */
  path?: string
  noindex?: boolean
  /** absolute path of a picture for link previews (OpenGraph) */
  image?: string
  /** OpenGraph type; 'website' unless the page is an article */
  type?: 'website' | 'article'
}

const SITE = 'Balai'

/** The document shell shared by public and staff pages: small, no scripts, readable at 360 px. */
export const Document: FC<PropsWithChildren<{ meta: PageMeta; header: Child }>> = ({ meta, header, children }) => {
  const c = useRequestContext<AppEnv>()
  const base = c.get('deps').config.publicUrl
  const fullTitle = meta.title === SITE ? SITE : `${meta.title} · ${SITE}`
  const description = meta.description ?? 'Balai: sistem informasi dan pelayanan desa terpadu.'

  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta property="og:title" content={fullTitle} />
        <meta property="og:description" content={description} />
        <meta property="og:type" content={meta.type ?? 'website'} />
        {meta.image ? <meta property="og:image" content={base + meta.image} /> : null}
        <meta property="og:site_name" content={SITE} />
        <meta property="og:locale" content="id_ID" />
        {meta.path ? <meta property="og:url" content={base + meta.path} /> : null}
        {meta.path ? <link rel="canonical" href={base + meta.path} /> : null}
        <link rel="stylesheet" href={assetUrl('balai.css')} />
      </head>
      <body>
        <a class="skip" href="#isi">Lewati ke isi</a>
        {header}
        <main id="isi">{children}</main>
        <footer class="foot">
          <p>
            Balai — Sistem Informasi dan Pelayanan Desa Terpadu. Waktu ditampilkan dalam WITA. Kode wilayah: Kepmendagri
            300.2.2-2138/2025.
          </p>
        </footer>
      </body>
    </html>
  )
}

export const TopBar: FC<{ title: string; subtitle?: string; home: string; nav: NavItem[]; current?: string }> = (p) => (
  <header class="top">
    <div class="in">
      <a class="brand" href={p.home}>
        {p.title}
        {p.subtitle ? <small>{p.subtitle}</small> : null}
      </a>
      {p.nav.length > 0 ? (
        <nav class="nav" aria-label="Navigasi utama">
          {p.nav.map((n) => (
            <a href={n.href} aria-current={n.href === p.current ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
      ) : null}
    </div>
  </header>
)

/** The hidden CSRF field every form must carry. */
export const CsrfField: FC = () => {
  const c = useRequestContext<AppEnv>()

  return <input type="hidden" name={CSRF_FIELD} value={c.get('csrfToken')} />
}

export const Alert: FC<PropsWithChildren<{ kind: 'error' | 'ok' | 'info' }>> = ({ kind, children }) => (
  <div class={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
)

export interface FieldProps {
  name: string
  label: string
  value?: string | number | null
  type?: string
  errors?: FieldErrors
  hint?: string
  required?: boolean
  autocomplete?: string
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal' | 'search' | 'url' | 'none'
  maxlength?: number
  pattern?: string
}

/** A labelled input with its hint and error, wired for screen readers. */
export const Field: FC<FieldProps> = (p) => {
  const id = `f-${p.name}`
  const err = p.errors?.[p.name]
  const describedBy = [p.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined

  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        pattern={p.pattern}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {p.hint ? <p class="hint" id={`${id}-hint`}>{p.hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{err}</p> : null}
    </div>
  )
}

export const TextArea: FC<Omit<FieldProps, 'type'> & { rows?: number }> = (p) => {
  const id = `f-${p.name}`
  const err = p.errors?.[p.name]

  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <textarea id={id} name={p.name} rows={p.rows ?? 4} required={p.required} maxlength={p.maxlength} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-err` : p.hint ? `${id}-hint` : undefined}>
        {p.value ?? ''}
      </textarea>
      {p.hint ? <p class="hint" id={`${id}-hint`}>{p.hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{err}</p> : null}
    </div>
  )
}

export const Select: FC<Omit<FieldProps, 'type'> & { options: { value: string; label: string }[] }> = (p) => {
  const id = `f-${p.name}`
  const err = p.errors?.[p.name]

  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <select id={id} name={p.name} required={p.required} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-err` : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={String(p.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{err}</p> : null}
    </div>
  )
}

/** The summary shown above a form that failed validation. */
export const FormErrors: FC<{ message?: string; errors?: FieldErrors }> = ({ message, errors }) =>
  message || (errors && Object.keys(errors).length) ? (
    <Alert kind="error">
      <strong>{message ?? 'Periksa kembali isian berikut.'}</strong>
      {errors && Object.keys(errors).length ? (
        <ul>
          {Object.entries(errors).map(([, m]) => (
            <li>{m}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  ) : null

export const Pager: FC<{ page: number; hasNext: boolean; href: (page: number) => string }> = (p) => (
  <nav class="pager" aria-label="Halaman">
    {p.page > 1 ? <a class="btn secondary" href={p.href(p.page - 1)}>← Sebelumnya</a> : null}
    <span class="muted">Halaman {p.page}</span>
    {p.hasNext ? <a class="btn secondary" href={p.href(p.page + 1)}>Berikutnya →</a> : null}
  </nav>
)
