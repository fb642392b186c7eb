/**
 * Every staff route that reads or changes a village's data, as a template over the village
 * code. The cross-village test signs in as staff of village A and calls each one for
 * village B: every answer must be 404 and nothing may change. Each capability adds its routes.
 *
 * `:code` is the other village's code; `:id` is filled with a record id of the other village
 * by the `seed` of the entry, when it has one.
 */
export interface TenantRoute {
  method: 'GET' | 'POST'
  path: string
  /** a form to post (the CSRF token is added by the test browser) */
  form?: Record<string, string>
}

export const TENANT_ROUTES: TenantRoute[] = [
  { method: 'GET', path: '/staf/desa/:code' },
  { method: 'GET', path: '/staf/desa/:code/pengaturan' },
  { method: 'POST', path: '/staf/desa/:code/pengaturan', form: { headTitle: 'Raja', headName: 'Penyusup', headNip: '', address: '', postalCode: '', phone: '', email: '', officeHours: '', letterheadLines: 'X', paperSize: 'A4', numberFormat: '[nomor]', counterScope: 'shared' } },
  { method: 'POST', path: '/staf/desa/:code/logo' },
  { method: 'GET', path: '/staf/desa/:code/pengguna' },
  { method: 'POST', path: '/staf/desa/:code/pengguna', form: { username: 'penyusup', displayName: 'Penyusup', role: 'operator', scope: ':code' } },
  { method: 'GET', path: '/staf/desa/:code/audit' },
]
