import type { Role } from './role.ts'

export interface StaffActor {
  kind: 'staff'
  id: string
  username: string
  name: string
  role: Role
  /** regency, district or village code the role is granted on */
  scope: string
}

export interface CitizenActor {
  kind: 'citizen'
  /** the citizen account id */
  id: string
  residentId: string
  nik: string
  name: string
  villageCode: string
}

export type Actor = StaffActor | CitizenActor

/** Who did something and from where: passed to every service that changes data. */
export interface RequestMeta {
  ip: string
  userAgent: string
  requestId?: string
}

export const SYSTEM_META: RequestMeta = { ip: '', userAgent: 'balai-cli' }
