import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import type { Command } from '../cli.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { prepareDatabase } from '../main.ts'
import { AppError } from '../lib/errors.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import { CERTIFICATE_STATE_LABEL, certificateState, getActiveCa, initCa, issueCertificate, publishCrl, revokeCertificate } from './certificate.service.ts'
import { listCertificatesInScope } from './signing.repository.ts'

const SYSTEM = { kind: 'system' as const, name: 'cli' }

/**
 * A passphrase from --passphrase-file (first line), --passphrase (visible to `ps`: scripts
 * only), or typed at the terminal. Never echoed back, never logged.
 */
async function passphrase(values: Record<string, unknown>, prefix: string, question: string): Promise<string> {
  const file = values[`${prefix}passphrase-file`] as string | undefined
  if (file) return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? ''
  const given = values[`${prefix}passphrase`] as string | undefined
  if (given !== undefined) return given
  if (!process.stdin.isTTY) throw new AppError('INVALID_INPUT', { userMessage: `Frasa sandi wajib: gunakan --${prefix}passphrase-file atau jalankan di terminal.` })
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  try {
    return (await rl.question(question)).trim()
  } finally {
    rl.close()
  }
}

const CA_PASS = { 'ca-passphrase': { type: 'string' }, 'ca-passphrase-file': { type: 'string' } } as const

export const SIGNING_COMMANDS: Record<string, Command> = {
  ca: {
    summary: 'Otoritas sertifikat kabupaten: init, crl, show',
    usage: 'balai ca init [--force] [--passphrase-file BERKAS] | balai ca crl [--passphrase-file BERKAS] | balai ca show',
    options: { force: { type: 'boolean' }, passphrase: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    async run(rt, { values, positionals }) {
      await prepareDatabase(rt)
      const sub = positionals[0]
      if (sub === 'init') {
        const pass = await passphrase(values, '', 'Frasa sandi baru untuk kunci CA (minimal 8 karakter): ')
        const ca = await initCa(rt, SYSTEM, SYSTEM_META, { passphrase: pass, force: values.force === true })
        console.error(`Otoritas sertifikat dibuat: ${ca.subject} (nomor seri ${ca.serial}), berlaku sampai ${formatDateTimeWita(ca.not_after)}.`)
        console.error('Simpan frasa sandi CA dengan aman: Balai tidak menyimpannya dan tidak dapat memulihkannya.')

        return
      }
      if (sub === 'crl') {
        await publishCrl(rt, await passphrase(values, '', 'Frasa sandi kunci CA: '))
        console.error('Daftar pencabutan (CRL) diterbitkan ulang di /pki/crl.der.')

        return
      }
      if (sub === 'show') {
        const ca = await getActiveCa(rt)
        if (!ca) {
          console.error('Otoritas sertifikat belum dibuat. Jalankan: balai ca init')

          return 1
        }
        process.stdout.write(ca.cert_pem)

        return
      }
      console.error(`Penggunaan: ${SIGNING_COMMANDS.ca.usage}`)

      return 2
    },
  },
  cert: {
    summary: 'Sertifikat tanda tangan: issue, list, revoke',
    usage: 'balai cert issue --username pembakal.banuajingah [--title "Pembakal Banua Jingah"] [--days 730] [--holder-passphrase-file BERKAS] [--ca-passphrase-file BERKAS] | balai cert list [--scope KODE] | balai cert revoke ID --reason "…"',
    options: { username: { type: 'string' }, title: { type: 'string' }, days: { type: 'string' }, scope: { type: 'string' }, reason: { type: 'string' }, 'holder-passphrase': { type: 'string' }, 'holder-passphrase-file': { type: 'string' }, ...CA_PASS },
    async run(rt, { values, positionals }) {
      await prepareDatabase(rt)
      const sub = positionals[0]
      if (sub === 'issue') {
        const caPassphrase = await passphrase(values, 'ca-', 'Frasa sandi kunci CA: ')
        const holderGiven = values['holder-passphrase'] !== undefined || values['holder-passphrase-file'] !== undefined
        const holderPassphrase = holderGiven ? await passphrase(values, 'holder-', '') : undefined
        const { certificate, activationCode } = await issueCertificate(rt, SYSTEM, SYSTEM_META, { username: (values.username as string) ?? '', title: values.title as string | undefined, validityDays: values.days as string | undefined, caPassphrase, holderPassphrase })
        console.error(`Sertifikat ${certificate.id} diterbitkan untuk ${certificate.holder_name} (${certificate.holder_title}), berlaku sampai ${formatDateTimeWita(certificate.not_after)}.`)
        if (activationCode) console.log(`Kode aktivasi (sekali pakai, serahkan langsung kepada pemegang): ${activationCode}`)

        return
      }
      if (sub === 'list') {
        for (const c of await listCertificatesInScope(rt.db, (values.scope as string) ?? rt.config.regency)) {
          console.log([c.id, c.village_code, c.holder_name, c.holder_title, CERTIFICATE_STATE_LABEL[certificateState(c)], c.not_after].join('\t'))
        }

        return
      }
      if (sub === 'revoke' && positionals[1]) {
        const caPassphrase = await passphrase(values, 'ca-', 'Frasa sandi kunci CA: ')
        await revokeCertificate(rt, SYSTEM, SYSTEM_META, positionals[1], { reason: values.reason as string | undefined, caPassphrase })
        console.error('Sertifikat dicabut; CRL diterbitkan ulang.')

        return
      }
      console.error(`Penggunaan: ${SIGNING_COMMANDS.cert.usage}`)

      return 2
    },
  },
}
