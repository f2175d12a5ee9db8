/** Users, access, audit, settings and the client directory (companies, contacts and their contact points). Conventions: see ../schema.ts. */

export interface DepartmentTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  id: string;
  key: string;
  name: string;
  /** JSON: Record<resource, Record<action, 'none' | 'own' | 'department' | 'all'>> */
  permissions: string;
  is_system: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role_id: string;
  department_id: string | null;
  locale: string;
  theme: string;
  accent_color: string;
  time_zone: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  /** folded name + e-mail for search */
  search_text: string;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditTable {
  id: string;
  at: string;
  user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  request_id: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface CustomFieldTable {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  /** JSON array of option strings for select / multiselect */
  options: string;
  required: number;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface CompanyTable {
  id: string;
  name: string;
  name_normalized: string;
  legal_form: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  okpo: string | null;
  okved_main: string | null;
  /** JSON array of codes */
  okved_extra: string;
  eik: string | null;
  vat_number: string | null;
  industry: string | null;
  activity_type: string | null;
  status: string;
  status_changed_at: string;
  director_name: string | null;
  director_position: string | null;
  website: string | null;
  source: string | null;
  owner_id: string | null;
  /** JSON array of { kind, country, city, postalCode, line } */
  addresses: string;
  city: string | null;
  notes: string | null;
  /** JSON object of custom field values by key */
  custom: string;
  /** the record's id in the system it was imported from (unique when set; optional so row types that predate it need not carry it) */
  external_id?: string | null;
  search_text: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  id: string;
  first_name: string;
  last_name: string | null;
  middle_name: string | null;
  full_name: string;
  position: string | null;
  birthday: string | null;
  notes: string | null;
  owner_id: string | null;
  custom: string;
  /** the record's id in the system it was imported from (unique when set; optional so row types that predate it need not carry it) */
  external_id?: string | null;
  search_text: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CompanyContactTable {
  company_id: string;
  contact_id: string;
  position: string | null;
  is_primary: number;
}

export interface PhoneTable {
  id: string;
  entity: string;
  entity_id: string;
  kind: string;
  raw: string;
  e164: string | null;
  ext: string | null;
  sort: number;
}

export interface EmailTable {
  id: string;
  entity: string;
  entity_id: string;
  kind: string;
  email: string;
  sort: number;
}

export interface TagTable {
  entity: string;
  entity_id: string;
  tag: string;
}

export interface AttachmentTable {
  id: string;
  entity: string;
  entity_id: string;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_by: string | null;
  created_at: string;
}

export interface SavedViewTable {
  id: string;
  user_id: string;
  entity: string;
  name: string;
  /** JSON of the list query (filters, sort) */
  query: string;
  is_shared: number;
  created_at: string;
}
