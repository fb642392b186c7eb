import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import { parseLetterMarkup, type Inline } from '../letters/letter-markup.ts'
import { Field, Select, TextArea } from '../web/layout.tsx'
import type { FieldDef } from './catalogue.ts'
import { maskedFieldValues, type FieldValues } from './request-fields.ts'
import { STATE_LABEL, type RequestState } from './request-state.ts'
import type { RequestEventRow } from './services.table.ts'
import { SLA_LABEL, type SlaStatus } from './working-hours.ts'

const STATE_TONE: Record<RequestState, string> = {
  diajukan: 'info', diperiksa: 'info', perbaikan: 'warn', disetujui: 'info', siap_diambil: 'ok', selesai: 'ok', ditolak: 'bad', dibatalkan: '',
}

export const StateBadge: FC<{ state: string }> = ({ state }) => (
  <span class={`badge ${STATE_TONE[state as RequestState] ?? ''}`}>{STATE_LABEL[state as RequestState] ?? state}</span>
)

export const SlaBadge: FC<{ status: SlaStatus }> = ({ status }) => (
  <span class={`badge ${status === 'terlambat' ? 'bad' : status === 'segera' ? 'warn' : 'ok'}`}>{SLA_LABEL[status]}</span>
)

export const Timeline: FC<{ events: RequestEventRow[] }> = ({ events }) => (
  <ol class="timeline">
    {events.map((e) => (
      <li>
        <strong>{STATE_LABEL[e.to_state as RequestState] ?? e.to_state}</strong>
        <div class="muted small">{formatDateTimeWita(e.at)} · {e.actor_kind === 'citizen' ? 'Pemohon' : e.actor_kind === 'staff' ? 'Petugas' : 'Sistem'}: {e.actor_name}</div>
        {e.note ? <div class="pre">{e.note}</div> : null}
      </li>
    ))}
  </ol>
)

/** The inputs of a letter type's fields; names follow `fields.x` and `fields.group.i.y`. */
export const TypeFields: FC<{ fields: FieldDef[]; values?: Record<string, unknown>; errors?: FieldErrors }> = ({ fields, values, errors }) => (
  <>
    {fields.map((f) => {
      const name = `fields.${f.name}`
      const v = values?.[f.name]
      if (f.type === 'group') {
        const rows = Array.isArray(v) ? (v as Record<string, string>[]) : []
        const shown = Math.max(rows.length + 2, f.minItems ?? 1, 3)

        return (
          <fieldset class="field">
            <legend>{f.label}{f.required ? <span aria-hidden="true"> *</span> : null}</legend>
            <p class="hint">Isi satu baris per orang; baris kosong diabaikan.</p>
            {errors?.[name] ? <p class="err">{errors[name]}</p> : null}
            {Array.from({ length: Math.min(shown, 30) }, (_, i) => (
              <div class="row-form" style="margin-bottom:.6rem" role="group" aria-label={`${f.label} baris ${i + 1}`}>
                {(f.fields ?? []).map((s) => {
                  const key = `${name}.${i}.${s.name}`

                  return (
                    <input name={key} value={rows[i]?.[s.name] ?? ''} placeholder={s.label} aria-label={`${s.label} baris ${i + 1}`}
                      inputmode={s.name === 'nik' ? 'numeric' : undefined} maxlength={s.name === 'nik' ? 16 : 300} aria-invalid={errors?.[key] ? 'true' : undefined} />
                  )
                })}
                {(f.fields ?? []).map((s) => (errors?.[`${name}.${i}.${s.name}`] ? <p class="err">{errors[`${name}.${i}.${s.name}`]}</p> : null))}
              </div>
            ))}
          </fieldset>
        )
      }
      const value = typeof v === 'string' ? v : ''
      if (f.type === 'choice') {
        return <Select name={name} label={f.label} value={value} errors={errors} required={f.required} hint={f.hint} options={[{ value: '', label: '— pilih —' }, ...(f.options ?? []).map((o) => ({ value: o, label: o }))]} />
      }
      if (f.type === 'textarea') return <TextArea name={name} label={f.label} value={value} errors={errors} required={f.required} hint={f.hint} maxlength={2000} rows={3} />

      return (
        <Field name={name} label={f.label} value={value} errors={errors} required={f.required} hint={f.type === 'resident' ? (f.hint ?? 'NIK 16 angka dari data penduduk desa.') : f.hint}
          type={f.type === 'date' ? 'date' : 'text'} inputmode={f.type === 'number' || f.type === 'resident' ? 'numeric' : undefined} maxlength={f.type === 'resident' ? 16 : 300} />
      )
    })}
  </>
)

/** Submitted values as a definition list (groups as a small table). */
export const SubmittedValues: FC<{ fields: FieldDef[]; values: FieldValues }> = ({ fields, values: raw }) => {
  const values = maskedFieldValues(raw)

  return (
  <dl class="kv">
    {fields.map((f) => {
      const v = values[f.name]

      return (
        <>
          <dt>{f.label}</dt>
          <dd>
            {Array.isArray(v)
              ? v.length
                ? <ol>{v.map((row) => <li>{(f.fields ?? []).map((s) => row[s.name]).filter(Boolean).join(' · ')}</li>)}</ol>
                : '—'
              : v || '—'}
          </dd>
        </>
      )
    })}
  </dl>
  )
}

const InlineText: FC<{ spans: Inline }> = ({ spans }) => <>{spans.map((s) => (s.bold ? <strong>{s.text}</strong> : s.text))}</>

/** A letter body in markup, drawn as HTML for previews (the PDF is drawn by src/letters). */
export const MarkupPreview: FC<{ markup: string }> = ({ markup }) => (
  <div class="card prose" style="font-family:serif">
    {parseLetterMarkup(markup).map((b) => {
      switch (b.kind) {
        case 'paragraph':
          return <p style="text-align:justify"><InlineText spans={b.content} /></p>
        case 'heading':
          return <h3><InlineText spans={b.content} /></h3>
        case 'keyValue':
          return (
            <table>
              <tbody>{b.rows.map((r) => <tr><td style="width:35%"><InlineText spans={r.label} /></td><td>: <InlineText spans={r.value} /></td></tr>)}</tbody>
            </table>
          )
        case 'grid':
          return (
            <table>
              {b.header ? <thead><tr>{b.header.map((h) => <th><InlineText spans={h} /></th>)}</tr></thead> : null}
              <tbody>{b.rows.map((r) => <tr>{r.map((cell) => <td><InlineText spans={cell} /></td>)}</tr>)}</tbody>
            </table>
          )
        case 'numbered':
          return <ol start={b.start}>{b.items.map((i) => <li><InlineText spans={i} /></li>)}</ol>
        case 'bullets':
          return <ul>{b.items.map((i) => <li><InlineText spans={i} /></li>)}</ul>
        default:
          return null
      }
    })}
  </div>
)

export const hoursText = (h: number) => (h % 8 === 0 ? `${h / 8} hari kerja` : `${h} jam kerja`)
