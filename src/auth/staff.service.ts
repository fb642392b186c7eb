import type { Deps } from '../deps.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { AppError, alreadyExists, invalidInput, isUniqueViolation } from '../lib/errors.ts'
import { newId } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { parseInput } from '../lib/validation.ts'
import { findRegion } from '../tenancy/region.repository.ts'
import { isVillageCode, isWithin, normalizeRegionCode } from '../tenancy/region.ts'
import { findVillage } from '../tenancy/village.repository.ts'
import type { StaffUserRow } from './auth.table.ts'
import type { Actor, RequestMeta, StaffActor } from './actor.ts'
import { dummySecretHash, generatePassword, hashSecret, passwordProblem, verifySecret } from './password.ts'
import { authorizeScope } from './policy.ts'
import { ROLE_LABEL, isRole, scopeFitsRole, type Role } from './role.ts'
import { findStaffById, findStaffByUsername, insertStaff, listStaffInScope, updateStaff } from './staff.repository.ts'
import { ZNewStaff, ZPasswordChange } from './staff.schema.ts'
import { deleteSessionsOf } from './session.repository.ts'
import { LOGIN_PER_ADDRESS, STAFF_LOGIN_PER_ACCOUNT } from './throttle.ts'
import { assertNotLocked, clearFailures, recordFailure } from './throttle.service.ts'

export function toStaffActor(row: StaffUserRow): StaffActor {
  if (!isRole(row.role)) throw new AppError('INTERNAL', { message: `unknown role ${row.role}` })

  return { kind: 'staff', id: row.id, username: row.username, name: row.display_name, role: row.role, scope: row.scope_code }
}

/**
 * Creates a staff account. Without a password one is generated and returned once.
 * A village admin may only create non-admin accounts in their own village.
 * @throws INVALID_INPUT bad fields, unknown scope, scope that does not fit the role
 * @throws ALREADY_EXISTS username taken
 */
export async function createStaffUser(
  deps: Deps,
  actor: Actor | { kind: 'system'; name: string },
  meta: RequestMeta,
  input: unknown,
): Promise<{ user: StaffActor; password: string }> {
  const s = parseInput(ZNewStaff, input)
  const scope = normalizeRegionCode(s.scope)
  const role: Role = s.role
  if (actor.kind !== 'system') {
    const staff = authorizeScope(actor, scope, 'staff.manage')
    if (staff.role === 'village_admin' && role === 'village_admin' && staff.scope !== scope) throw new AppError('FORBIDDEN')
    if (staff.role !== 'regency_admin' && (role === 'regency_admin' || role === 'district_viewer')) {
      throw new AppError('FORBIDDEN')
    }
  }
  if (!scopeFitsRole(role, scope)) {
    throw invalidInput(`Cakupan ${scope} tidak sesuai untuk peran ${ROLE_LABEL[role]}.`, { scope: 'Cakupan tidak sesuai dengan peran.' })
  }
  const region = await findRegion(deps.db, scope)
  if (!region || !isWithin(scope, deps.config.regency)) {
    throw invalidInput(`Kode wilayah ${scope} tidak dikenal di kabupaten ini.`, { scope: 'Kode wilayah tidak dikenal.' })
  }
  if (role !== 'regency_admin' && role !== 'district_viewer' && !(await findVillage(deps.db, scope))) {
    throw invalidInput(`Desa ${region.name} (${scope}) belum diaktifkan.`, { scope: 'Desa belum diaktifkan.' })
  }
  const password = s.password || generatePassword()
  const problem = passwordProblem(password)
  if (problem) throw invalidInput(problem, { password: problem })
  const now = nowIso()
  const row: StaffUserRow = {
    id: newId(),
    username: s.username,
    display_name: s.displayName,
    email: s.email,
    password_hash: await hashSecret(password),
    role,
    scope_code: scope,
    active: 1,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertStaff(trx, row)
      await recordAudit(trx, actor as Actor, meta, {
        villageCode: isVillageCode(scope) ? scope : null,
        action: 'staff.create',
        entityType: 'staff_user',
        entityId: row.id,
        summary: `Membuat akun ${row.username} (${ROLE_LABEL[role]}, ${scope})`,
        data: { username: row.username, role, scope },
      })
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyExists(`Nama pengguna ${row.username} sudah dipakai.`)
    throw e
  }

  return { user: toStaffActor(row), password }
}

const SAME_ANSWER = 'Nama pengguna atau kata sandi salah.'

/**
 * Checks a username and password. Unknown user and wrong password give the same answer and
 * take the same time; failures count per account and per client address.
 * @throws UNAUTHENTICATED wrong credentials  @throws LOCKED too many failures
 */
export async function authenticateStaff(deps: Deps, meta: RequestMeta, username: string, password: string): Promise<StaffActor> {
  const name = username.trim().toLowerCase()
  const keys = [`staff-login:user:${name}`, `login:ip:${meta.ip}`]
  await assertNotLocked(deps.db, keys)
  const row = await findStaffByUsername(deps.db, name)
  const ok = await verifySecret(password, row?.password_hash ?? (await dummySecretHash()))
  if (!row || !ok || row.active !== 1) {
    await deps.db.transaction().execute(async (trx) => {
      await recordFailure(trx, [
        { key: keys[0], rule: STAFF_LOGIN_PER_ACCOUNT },
        { key: keys[1], rule: LOGIN_PER_ADDRESS },
      ])
      await recordAudit(trx, { kind: 'public' }, meta, {
        villageCode: row && isVillageCode(row.scope_code) ? row.scope_code : null,
        action: 'staff.login_failed',
        entityType: 'staff_user',
        entityId: row?.id ?? null,
        summary: `Percobaan masuk gagal untuk "${name.slice(0, 64)}"`,
      })
    })
    throw new AppError('UNAUTHENTICATED', { userMessage: SAME_ANSWER })
  }
  await clearFailures(deps.db, [keys[0]])

  return toStaffActor(row)
}

/**
 * Changes the actor's own password and ends their other sessions.
 * @throws INVALID_INPUT wrong current password, weak or unconfirmed new password
 */
export async function changeOwnPassword(
  deps: Deps,
  actor: StaffActor,
  meta: RequestMeta,
  input: unknown,
  currentSessionId?: string,
): Promise<void> {
  const s = parseInput(ZPasswordChange, input)
  const row = await findStaffById(deps.db, actor.id)
  if (!row || !(await verifySecret(s.current, row.password_hash))) {
    throw invalidInput('Kata sandi lama salah.', { current: 'Kata sandi lama salah.' })
  }
  const problem = passwordProblem(s.next)
  if (problem) throw invalidInput(problem, { next: problem })
  const hash = await hashSecret(s.next)
  await deps.db.transaction().execute(async (trx) => {
    const now = nowIso()
    await updateStaff(trx, actor.id, { password_hash: hash, password_changed_at: now, updated_at: now })
    await deleteSessionsOf(trx, 'staff', actor.id, currentSessionId)
    await recordAudit(trx, actor, meta, {
      villageCode: isVillageCode(actor.scope) ? actor.scope : null,
      action: 'staff.password',
      entityType: 'staff_user',
      entityId: actor.id,
      summary: `${actor.username} mengganti kata sandi`,
    })
  })
}

export async function listStaff(deps: Deps, actor: Actor | null, scope: string): Promise<StaffUserRow[]> {
  authorizeScope(actor, scope, 'staff.manage')

  return listStaffInScope(deps.db, scope)
}

export async function getStaffActor(deps: Deps, id: string): Promise<StaffActor | undefined> {
  const row = await findStaffById(deps.db, id)

  return row && row.active === 1 ? toStaffActor(row) : undefined
}
